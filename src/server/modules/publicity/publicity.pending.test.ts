import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../common/context';
import { businessDate } from '../../common/dates';
import {
  type AidWorld,
  createAidWorld,
  fundProgram,
  makeApprovedApplication,
  makeProgram,
} from '../../testing/aid-fixtures';
import { createTestContext, type Session, type TestContext } from '../../testing/harness';
import { orgs } from '../orgs/orgs.table';
import { countObjectionsAwaitingVerification } from './publicity.usecases';

/**
 * 待核实的公示异议: open objections on the notices the caller manages (published by its unit or a unit
 * below), except those the caller recorded — and the cross-program list of those notices.
 */

let t: TestContext;
let w: AidWorld;
const today = businessDate();

interface ListItem {
  id: string;
  title: string;
  programName: string;
  orgName: string;
  openObjections: number;
  pendingObjections: number;
}

beforeAll(async () => {
  t = await createTestContext();
  w = await createAidWorld(t);
}, 120_000);
afterAll(() => t.close());

async function principalOf(s: Session, orgId: string): Promise<Principal> {
  const [org] = await t.deps.db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, orgId));
  return {
    userId: s.userId,
    username: '',
    displayName: '',
    orgId,
    orgPath: org!.path,
    roles: ['reviewer'],
    sessionId: '',
    via: 'bearer',
    mustChangePassword: false,
  };
}

async function notice(name: string) {
  const p = await makeProgram(w, { name });
  await fundProgram(w, p.id, 100_000);
  await makeApprovedApplication(w, p.id, { name: '张三明' });
  const res = await w.districtOfficer.request({
    method: 'POST',
    url: `/api/programs/${p.id}/publicity`,
    payload: { startDate: today },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; entries: { id: string }[] };
}

async function object(s: Session, publicityId: string, content: string) {
  const res = await s.request({
    method: 'POST',
    url: `/api/publicity/${publicityId}/objections`,
    payload: { channel: 'phone', content },
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json().objections as { id: string; status: string }[]).find((o) => o.status === 'open')!.id;
}

async function list(s: Session, query = 'objections=pending') {
  const res = await s.request({ method: 'GET', url: `/api/publicity?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: ListItem[]; total: number };
}

describe('objections awaiting verification', () => {
  let counts: Record<'district' | 'admin' | 'town' | 'west' | 'recorder', () => Promise<number>>;
  let withObjections: { id: string };
  let quiet: { id: string };

  beforeAll(async () => {
    const count = (s: Session, orgId: string) => async () =>
      countObjectionsAwaitingVerification(t.deps.db, await principalOf(s, orgId));
    counts = {
      district: count(w.districtReviewer, w.district.id),
      admin: count(w.admin, t.rootOrgId),
      town: count(w.townReviewer, w.town.id),
      west: count(w.westReviewer, w.west.id),
      recorder: count(w.districtOfficer, w.district.id),
    };
    withObjections = await notice('春节送温暖（有异议）');
    quiet = await notice('金秋助学（无异议）');
  }, 120_000);

  it('counts open objections on the notices of the unit and below, for whoever may resolve them', async () => {
    expect(await counts.district()).toBe(0);
    await object(w.districtOfficer, withObjections.id, '反映其家庭有经营性收入');
    await object(w.districtOfficer, withObjections.id, '反映其子女已工作');
    expect(await counts.district()).toBe(2);
    expect(await counts.admin()).toBe(2);
    // The unit below reads the notice but does not manage it; another district does not see it.
    expect(await counts.town()).toBe(0);
    expect(await counts.west()).toBe(0);
    // Who recorded an objection never resolves it: not waiting for them.
    expect(await counts.recorder()).toBe(0);
  });

  it('lists the notices with such objections across programs, their pending counts adding up to the count', async () => {
    const pending = await list(w.districtReviewer);
    expect(pending.items.map((i) => i.id)).toEqual([withObjections.id]);
    expect(pending.items[0]).toMatchObject({
      programName: '春节送温暖（有异议）',
      orgName: w.district.name,
      openObjections: 2,
      pendingObjections: 2,
    });
    expect(pending.total).toBe(1);
    // Without the filter: every notice it manages, those with pending objections first.
    const all = await list(w.districtReviewer, 'page=1&pageSize=10');
    expect(all.items.map((i) => i.id)).toEqual([withObjections.id, quiet.id]);
    expect(all.items[1]).toMatchObject({ openObjections: 0, pendingObjections: 0 });
    // The recorder's own objections are open, but not its to verify.
    const recorder = await list(w.districtOfficer);
    expect(recorder.items).toEqual([]);
    const byId = new Map((await list(w.districtOfficer, '')).items.map((i) => [i.id, i]));
    expect(byId.get(withObjections.id)).toMatchObject({ openObjections: 2, pendingObjections: 0 });
    for (const s of [w.townReviewer, w.westReviewer]) expect(await list(s, '')).toMatchObject({ total: 0 });
  });

  it('follows the work: an objection the admin records waits for the reviewer, a resolved one for nobody', async () => {
    const mine = await object(w.admin, quiet.id, '管理员登记的异议');
    expect(await counts.admin()).toBe(2);
    expect(await counts.district()).toBe(3);
    const pending = (await list(w.districtReviewer)).items;
    expect(Object.fromEntries(pending.map((i) => [i.id, i.pendingObjections]))).toEqual({
      [withObjections.id]: 2,
      [quiet.id]: 1,
    });

    const resolved = await w.districtReviewer.request({
      method: 'POST',
      url: `/api/publicity/${quiet.id}/objections/${mine}/resolve`,
      payload: { decision: 'dismissed', note: '经核实，反映情况不属实' },
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(await counts.district()).toBe(2);
    expect(await counts.admin()).toBe(2);
    expect((await list(w.districtReviewer)).items.map((i) => i.id)).toEqual([withObjections.id]);
  });
});
