import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regionCovers } from '../../common/identifiers';
import { createTestContext, type Session, type TestContext } from '../../testing/harness';
import { loadDemoPolicies, policyInForce, regionFallbacks } from './policies.usecases';

let t: TestContext;
let admin: Session;

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.login('admin', 'Admin@12345');
});
afterAll(() => t.close());

const version = (over: Record<string, unknown> = {}) => ({
  regionCode: '330100',
  effectiveFrom: '2025-07-01',
  dibaoFen: 116_900,
  relativeMultiplier: 2,
  suddenExpenditureRatio: 0.8,
  ...over,
});

describe('policy versions', () => {
  it('creates versions with defaults and lists them, newest first per region', async () => {
    const res = await admin.request({ method: 'POST', url: '/api/policies', payload: version() });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      regionCode: '330100',
      effectiveFrom: '2025-07-01',
      dibaoFen: 116_900,
      relativeMultiplier: 2,
      relativeMultiplierBp: 20_000,
      suddenExpenditureRatio: 0.8,
      suddenRatioBp: 8000,
      reviewIntervalMonths: 12,
      exitMonths: 6,
    });
    const next = await admin.request({
      method: 'POST',
      url: '/api/policies',
      payload: version({ effectiveFrom: '2026-07-01', dibaoFen: 122_000, relativeMultiplier: 1.5 }),
    });
    expect(next.statusCode).toBe(201);
    const list = (await admin.request({ method: 'GET', url: '/api/policies?regionCode=3301' })).json();
    expect(list.items.map((p: { effectiveFrom: string }) => p.effectiveFrom)).toEqual([
      '2026-07-01',
      '2025-07-01',
    ]);
    const audit = (await admin.request({ method: 'GET', url: '/api/audit?action=policy.created' })).json();
    expect(audit.total).toBe(2);
  });

  it('never changes a version: the same region and date is refused, and the database refuses updates', async () => {
    const again = await admin.request({
      method: 'POST',
      url: '/api/policies',
      payload: version({ dibaoFen: 1 }),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('POLICY_VERSION_EXISTS');
    await expect(t.deps.db.execute(sql`update policy_versions set dibao_fen = 1`)).rejects.toThrow();
    await expect(t.deps.db.execute(sql`delete from policy_versions`)).rejects.toThrow();
  });

  it('finds the version in force by date, falling back from county to city to province', async () => {
    await admin.request({
      method: 'POST',
      url: '/api/policies',
      payload: version({ regionCode: '330102', effectiveFrom: '2026-01-01', dibaoFen: 125_000 }),
    });
    const db = t.deps.db;
    expect((await policyInForce(db, '330102', '2025-12-31'))?.dibaoFen).toBe(116_900); // city, 2025
    expect((await policyInForce(db, '330102', '2026-01-01'))?.dibaoFen).toBe(125_000); // own county
    expect((await policyInForce(db, '330106', '2026-07-01'))?.dibaoFen).toBe(122_000); // city, 2026
    expect(await policyInForce(db, '330106', '2025-06-30')).toBeUndefined();
    expect(await policyInForce(db, '110105', '2026-07-01')).toBeUndefined();

    const res = await admin.request({
      method: 'GET',
      url: '/api/policies/in-force?regionCode=330108&date=2025-08-01',
    });
    expect(res.json()).toMatchObject({
      regionCode: '330100',
      requestedRegionCode: '330108',
      dibaoFen: 116_900,
    });
    const none = await admin.request({
      method: 'GET',
      url: '/api/policies/in-force?regionCode=110105&date=2025-08-01',
    });
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe('POLICY_NOT_IN_FORCE');
  });

  it('region helpers', () => {
    expect(regionFallbacks('330102')).toEqual(['330102', '330100', '330000']);
    expect(regionFallbacks('330100')).toEqual(['330100', '330000']);
    expect(regionCovers('330100', '330102')).toBe(true);
    expect(regionCovers('330100', '330200')).toBe(false);
    expect(regionCovers('330000', '330200')).toBe(true);
    expect(regionCovers('330102', '330100')).toBe(false);
  });

  it('only admins write, only for their own regions; staff read', async () => {
    const district = await t.makeOrg(t.rootOrgId, 'district');
    const officer = await t.login((await t.makeUser(district.id, ['officer'])).username);
    expect((await officer.request({ method: 'GET', url: '/api/policies' })).statusCode).toBe(200);
    const denied = await officer.request({ method: 'POST', url: '/api/policies', payload: version() });
    expect(denied.statusCode).toBe(403);
    // The root unit of the tests is 330100: it may not set a policy for another city.
    const abroad = await admin.request({
      method: 'POST',
      url: '/api/policies',
      payload: version({ regionCode: '330200' }),
    });
    expect(abroad.statusCode).toBe(403);
    expect(abroad.json().error.code).toBe('POLICY_REGION_OUT_OF_SCOPE');
    const member = await t.login((await t.makeUser(district.id, ['member'])).username);
    expect((await member.request({ method: 'GET', url: '/api/policies' })).statusCode).toBe(403);
  });

  it('a township or grass-roots admin may not set the county standard its unit carries; the list names who set each version', async () => {
    const district = await t.makeOrg(t.rootOrgId, 'district');
    const town = await t.makeOrg(district.id, 'township');
    const unit = await t.makeOrg(town.id, 'grassroots');
    for (const org of [town, unit]) {
      const local = await t.login((await t.makeUser(org.id, ['admin'])).username);
      const res = await local.request({
        method: 'POST',
        url: '/api/policies',
        payload: version({ regionCode: '330102', effectiveFrom: '2027-07-01', dibaoFen: 999_900 }),
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('POLICY_LEVEL_NOT_ALLOWED');
      expect(res.json().error.message).toContain('由区县及以上总工会设置');
    }
    const districtAdmin = await t.makeUser(district.id, ['admin']);
    const ok = await (await t.login(districtAdmin.username)).request({
      method: 'POST',
      url: '/api/policies',
      payload: version({ regionCode: '330102', effectiveFrom: '2027-07-02', dibaoFen: 100_000 }),
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const listed = (await admin.request({ method: 'GET', url: '/api/policies?regionCode=330102' })).json();
    expect(listed.items.find((p: { id: string }) => p.id === ok.json().id)).toMatchObject({
      createdByName: expect.any(String),
      createdByOrgName: expect.any(String),
    });
  });

  it('refuses bad figures with Chinese messages', async () => {
    const res = await admin.request({
      method: 'POST',
      url: '/api/policies',
      payload: version({ effectiveFrom: '2026-02-30', relativeMultiplier: 0.5, suddenExpenditureRatio: 1.2 }),
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(['effectiveFrom', 'relativeMultiplier', 'suddenExpenditureRatio']),
    );
  });

  it('loads the demo policies once, however often the loader runs', async () => {
    await loadDemoPolicies(t.deps, t.rootActor);
    await loadDemoPolicies(t.deps, t.rootActor);
    const list = (await admin.request({ method: 'GET', url: '/api/policies?regionCode=330100' })).json();
    expect(list.items.map((p: { effectiveFrom: string }) => p.effectiveFrom)).toEqual(
      expect.arrayContaining(['2025-07-01', '2026-07-01']),
    );
    expect(list.total).toBe(2);
  });
});
