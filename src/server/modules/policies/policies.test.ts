import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regionCovers } from '../../common/identifiers';
import { createTestContext, type Session, type TestContext, validUscc } from '../../testing/harness';
import type { OrgLevel } from '../orgs/orgs.table';
import { createOrg, regionNameOf } from '../orgs/orgs.usecases';
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

  it('the list says which versions the caller may add a version to: their own region, as the write decides', async () => {
    const district = await t.makeOrg(t.rootOrgId, 'district');
    const town = await t.makeOrg(district.id, 'township');
    const sessionOf = async (orgId: string, role: 'admin' | 'officer') =>
      t.login((await t.makeUser(orgId, [role])).username);
    const districtAdmin = await sessionOf(district.id, 'admin');
    for (const regionCode of ['330105', '330102']) {
      const res = await admin.request({
        method: 'POST',
        url: '/api/policies',
        payload: version({ regionCode, effectiveFrom: '2028-03-01' }),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const settable = async (s: Session) => {
      const page = (await s.request({ method: 'GET', url: '/api/policies?pageSize=200' })).json();
      const byRegion = new Map<string, boolean>();
      for (const p of page.items as { regionCode: string; settable: boolean }[])
        byRegion.set(p.regionCode, p.settable);
      return Object.fromEntries(['330105', '330102'].map((code) => [code, byRegion.get(code)]));
    };
    // The tests' root unit is the city (330100): both counties; a district admin (330102): its own only.
    expect(await settable(admin)).toEqual({ '330105': true, '330102': true });
    expect(await settable(districtAdmin)).toEqual({ '330105': false, '330102': true });
    expect(await settable(await sessionOf(town.id, 'admin'))).toEqual({ '330105': false, '330102': false });
    expect(await settable(await sessionOf(district.id, 'officer'))).toEqual({
      '330105': false,
      '330102': false,
    });
    // The write agrees.
    const refused = await districtAdmin.request({
      method: 'POST',
      url: '/api/policies',
      payload: version({ regionCode: '330105', effectiveFrom: '2028-04-01' }),
    });
    expect(refused.json().error.code).toBe('POLICY_REGION_OUT_OF_SCOPE');
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

  describe('region names', () => {
    type Named = { regionCode: string; regionName: string | null; regionOrgName: string | null };
    const unit = async (parentId: string, level: OrgLevel, name: string, regionCode: string) =>
      createOrg(t.deps.db, t.rootActor, {
        name,
        level,
        parentId,
        regionCode,
        ...(level === 'grassroots' ? { employerName: `${name}单位`, uscc: validUscc() } : {}),
      });
    /** The listed versions of `codes` effective on 2031-01-01 (set in beforeAll), by code. */
    const listed = async (session: Session) => {
      const page = (await session.request({ method: 'GET', url: '/api/policies?pageSize=200' })).json();
      const byCode = new Map<string, Named>();
      for (const p of page.items as (Named & { effectiveFrom: string })[])
        if (p.effectiveFrom === '2031-01-01') byCode.set(p.regionCode, p);
      return byCode;
    };
    let xihu: { id: string };
    let beishan: { id: string };
    let yuhang: { id: string };

    beforeAll(async () => {
      // 西湖区 (330106) with a street and an employer carrying its code; a street coded 330108 by the
      // city with no county federation for that code; 余杭区 (330110), one of whose streets the city
      // coded 330106 (a code outside 余杭区's own region).
      xihu = await unit(t.rootOrgId, 'district', '西湖区总工会', '330106');
      beishan = await unit(xihu.id, 'township', '北山街道总工会', '330106');
      await unit(beishan.id, 'grassroots', '北山示例公司工会委员会', '330106');
      await unit(xihu.id, 'township', '转塘街道总工会', '330108');
      yuhang = await unit(t.rootOrgId, 'district', '余杭区总工会', '330110');
      await unit(yuhang.id, 'township', '仓前街道总工会', '330106');
      for (const regionCode of ['330100', '330106', '330108', '330110', '330200', '330000']) {
        const res = await admin.request({
          method: 'POST',
          url: '/api/policies',
          payload: version({ regionCode, effectiveFrom: '2031-01-01' }),
        });
        // The root unit (330100) may not set another city's or the province's standard: those come
        // from elsewhere (another federation's admin) and are inserted directly.
        if (res.statusCode !== 201) {
          expect(res.json().error.code).toBe('POLICY_REGION_OUT_OF_SCOPE');
          await t.deps.db.execute(
            sql`insert into policy_versions (region_code, effective_from, dibao_fen, relative_multiplier_bp, sudden_ratio_bp, review_interval_months, exit_months) values (${regionCode}, '2031-01-01', 100000, 20000, 8000, 12, 6)`,
          );
        }
      }
    });

    it('names a region after the city or county federation that carries its code', () => {
      expect(regionNameOf({ name: '江东区总工会', level: 'district' })).toBe('江东区');
      expect(regionNameOf({ name: '临溪县总工会', level: 'district' })).toBe('临溪县');
      expect(regionNameOf({ name: '临江市总工会', level: 'city' })).toBe('临江市');
      expect(regionNameOf({ name: '某县工会联合会', level: 'district' })).toBe('某县');
      // Nothing but the suffix, or a unit that merely carries its county's code: no region name.
      expect(regionNameOf({ name: '市总工会', level: 'city' })).toBeNull();
      expect(regionNameOf({ name: '望江街道总工会', level: 'township' })).toBeNull();
      expect(regionNameOf({ name: '北山示例公司工会委员会', level: 'grassroots' })).toBeNull();
    });

    it('the list names each code from the units the caller knows, the highest one carrying it', async () => {
      const city = await listed(admin);
      // 330106 is carried by the district, a street and an employer: the district names it.
      expect(city.get('330106')).toMatchObject({ regionName: '西湖区', regionOrgName: '西湖区总工会' });
      expect(city.get('330110')).toMatchObject({ regionName: '余杭区', regionOrgName: '余杭区总工会' });
      // Only a street carries 330108: no region name, the street is the hint.
      expect(city.get('330108')).toMatchObject({ regionName: null, regionOrgName: '转塘街道总工会' });
      // The test's root unit is called 「市总工会」: it names no region but is the unit of 330100.
      expect(city.get('330100')).toMatchObject({ regionName: null, regionOrgName: '市总工会' });
      // Codes no unit carries stay bare.
      expect(city.get('330200')).toMatchObject({ regionName: null, regionOrgName: null });
      expect(city.get('330000')).toMatchObject({ regionName: null, regionOrgName: null });

      // A street's staff know their county (the unit above them), not a sibling county.
      const street = await t.loginNewUser(beishan.id, ['officer']);
      const seenByStreet = await listed(street);
      expect(seenByStreet.get('330106')).toMatchObject({
        regionName: '西湖区',
        regionOrgName: '西湖区总工会',
      });
      expect(seenByStreet.get('330110')).toMatchObject({ regionName: null, regionOrgName: null });
      expect(seenByStreet.get('330100')).toMatchObject({ regionOrgName: '市总工会' });

      // 余杭区's staff: their own code, and 330106 only through their street that carries it.
      const district = await t.loginNewUser(yuhang.id, ['officer']);
      const seenByDistrict = await listed(district);
      expect(seenByDistrict.get('330110')).toMatchObject({ regionName: '余杭区' });
      expect(seenByDistrict.get('330106')).toMatchObject({
        regionName: null,
        regionOrgName: '仓前街道总工会',
      });
    });

    it('the version in force names its region for the caller, or leaves the code bare', async () => {
      const inForce = async (session: Session, regionCode: string) => {
        const res = await session.request({
          method: 'GET',
          url: `/api/policies/in-force?regionCode=${regionCode}&date=2031-06-01`,
        });
        expect(res.statusCode, res.body).toBe(200);
        return res.json() as { regionCode: string; regionName: string | null };
      };
      // A street's officer: its county by name, through the county federation above it.
      const street = await t.loginNewUser(beishan.id, ['officer']);
      expect(await inForce(street, '330106')).toMatchObject({ regionCode: '330106', regionName: '西湖区' });
      // Only a street carries 330108: the code stays bare, as in the list.
      expect(await inForce(admin, '330108')).toMatchObject({ regionCode: '330108', regionName: null });
      // 余杭区's staff do not know 西湖区: the same version, unnamed for them.
      const yuhangOfficer = await t.loginNewUser(yuhang.id, ['officer']);
      expect(await inForce(yuhangOfficer, '330106')).toMatchObject({ regionName: null });
      expect(await inForce(yuhangOfficer, '330110')).toMatchObject({ regionName: '余杭区' });
    });

    it('the form offers the codes of the units in scope that lie in the setter’s own region', async () => {
      const regions = async (session: Session) => {
        const res = await session.request({ method: 'GET', url: '/api/policies/regions' });
        expect(res.statusCode, res.body).toBe(200);
        return res.json().items as { regionCode: string; regionName: string | null; orgName: string }[];
      };
      const city = await regions(admin);
      expect(city).toEqual(
        expect.arrayContaining([
          { regionCode: '330100', regionName: null, orgName: '市总工会', orgLevel: 'city' },
          { regionCode: '330106', regionName: '西湖区', orgName: '西湖区总工会', orgLevel: 'district' },
          { regionCode: '330108', regionName: null, orgName: '转塘街道总工会', orgLevel: 'township' },
          { regionCode: '330110', regionName: '余杭区', orgName: '余杭区总工会', orgLevel: 'district' },
        ]),
      );
      expect(new Set(city.map((r) => r.regionCode)).size).toBe(city.length);
      // 余杭区's admin: its own code only — not 330106, which one of its streets carries.
      const districtAdmin = await t.loginNewUser(yuhang.id, ['admin']);
      expect(await regions(districtAdmin)).toEqual([
        { regionCode: '330110', regionName: '余杭区', orgName: '余杭区总工会', orgLevel: 'district' },
      ]);
      // …and the write agrees with what the form offers.
      const outside = await districtAdmin.request({
        method: 'POST',
        url: '/api/policies',
        payload: version({ regionCode: '330106', effectiveFrom: '2032-01-01' }),
      });
      expect(outside.json().error.code).toBe('POLICY_REGION_OUT_OF_SCOPE');
      // A street's admin may set nothing: told so before filling the form in.
      const streetAdmin = await t.loginNewUser(beishan.id, ['admin']);
      const refused = await streetAdmin.request({ method: 'GET', url: '/api/policies/regions' });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('POLICY_LEVEL_NOT_ALLOWED');
      const officer = await t.loginNewUser(yuhang.id, ['officer']);
      expect((await officer.request({ method: 'GET', url: '/api/policies/regions' })).statusCode).toBe(403);
    });
  });
});
