import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AidWorld,
  approveApplication,
  createAidWorld,
  fundProgram,
  makeArchivedHousehold,
  makeProgram,
} from '../../testing/aid-fixtures';
import { createTestContext, type TestContext } from '../../testing/harness';

/** 金秋助学 figures as work summaries give them: students by school level (资助大学生 N 名…). */
let t: TestContext;
let w: AidWorld;

beforeAll(async () => {
  t = await createTestContext();
  w = await createAidWorld(t);
});
afterAll(() => t.close());

describe('tuition statistics', () => {
  it('counts approved students by school level, university first, with their households and money', async () => {
    const p = await makeProgram(w, {
      type: 'tuition',
      name: '金秋助学',
      capPerHouseholdFen: null,
      tuitionCaps: { university: 500_000, vocational: 300_000, senior_high: 200_000 },
    });
    await fundProgram(w, p.id, 10_000_000);
    // Each fixture household has a child recorded in senior high: this year at senior high, or starting
    // university or vocational school (升学).
    const levels = ['university', 'university', 'vocational', 'senior_high', 'university'] as const;
    const asked = { university: 500_000, vocational: 300_000, senior_high: 200_000 };
    const ids: string[] = [];
    for (const [i, schoolLevel] of levels.entries()) {
      const h = await makeArchivedHousehold(w, `助学户${i}`);
      const child = h.members.find((m) => m.name === '张小明')!;
      const res = await w.officer.request({
        method: 'POST',
        url: '/api/applications',
        payload: {
          programId: p.id,
          householdId: h.id,
          studentMemberId: child.id,
          school: schoolLevel === 'senior_high' ? '临江一中' : '临江大学',
          schoolLevel,
          requestedFen: asked[schoolLevel],
          reason: '子女上学，家庭负担重',
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id);
    }
    // Four approved; the last university student is still under review and is not counted.
    for (const id of ids.slice(0, 4)) await approveApplication(w, id);

    const stats = await w.admin.request({ method: 'GET', url: `/api/programs/${p.id}/statistics` });
    expect(stats.statusCode, stats.body).toBe(200);
    expect(stats.json().bySchoolLevel).toEqual([
      { schoolLevel: 'university', students: 2, households: 2, approvedFen: 1_000_000, paidFen: 0 },
      { schoolLevel: 'vocational', students: 1, households: 1, approvedFen: 300_000, paidFen: 0 },
      { schoolLevel: 'senior_high', students: 1, households: 1, approvedFen: 200_000, paidFen: 0 },
    ]);
    expect(stats.json()).toMatchObject({ households: 4, approvedFen: 1_500_000 });

    // A program without students lists none.
    const warmth = await makeProgram(w);
    const other = await w.admin.request({ method: 'GET', url: `/api/programs/${warmth.id}/statistics` });
    expect(other.json().bySchoolLevel).toEqual([]);
  });
});
