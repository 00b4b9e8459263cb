import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AidWorld,
  createAidWorld,
  fundProgram,
  makeArchivedHousehold,
  makeProgram,
  submitApplication,
} from '../../testing/aid-fixtures';
import { createTestContext, type Session, type TestContext } from '../../testing/harness';

let t: TestContext;
let w: AidWorld;

beforeAll(async () => {
  t = await createTestContext();
  w = await createAidWorld(t);
  const program = await makeProgram(w);
  await fundProgram(w, program.id, 1_000_000);
  for (const name of ['欧阳建国', '欧阳秀英', '司马建华'])
    await submitApplication(w, {
      programId: program.id,
      householdId: (await makeArchivedHousehold(w, name)).id,
      requestedFen: 50_000,
    });
}, 120_000);
afterAll(() => t.close());

async function names(s: Session, query: string) {
  const res = await s.request({ method: 'GET', url: `/api/applications?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  const page = res.json() as { items: { householdName: string }[]; total: number };
  expect(page.total).toBe(page.items.length);
  return page.items.map((i) => i.householdName).sort();
}

describe('帮扶申请 searched by the household’s name', () => {
  it('finds a part of the name anywhere in it, with the other filters', async () => {
    expect(await names(w.officer, `q=${encodeURIComponent('欧阳')}`)).toEqual(['欧阳建国', '欧阳秀英']);
    expect(await names(w.officer, `q=${encodeURIComponent('建')}`)).toEqual(['司马建华', '欧阳建国']);
    expect(await names(w.officer, `q=${encodeURIComponent(' 秀英 ')}&status=pending`)).toEqual(['欧阳秀英']);
    expect(await names(w.officer, `q=${encodeURIComponent('欧阳')}&status=approved`)).toEqual([]);
    // Wildcards are text: 「%」 finds no name.
    expect(await names(w.officer, `q=${encodeURIComponent('%')}`)).toEqual([]);
  });

  it('finds only inside the caller’s scope', async () => {
    expect(await names(w.townReviewer, `q=${encodeURIComponent('欧阳')}`)).toHaveLength(2);
    expect(await names(w.westOfficer, `q=${encodeURIComponent('欧阳')}`)).toEqual([]);
  });

  it('refuses an empty or overlong search text', async () => {
    for (const q of ['', '%20', 'x'.repeat(51)])
      expect((await w.officer.request({ method: 'GET', url: `/api/applications?q=${q}` })).statusCode).toBe(
        400,
      );
  });
});
