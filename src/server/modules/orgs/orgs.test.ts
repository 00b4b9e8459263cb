import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext, validUscc } from '../../testing/harness';

let t: TestContext;
let admin: Session;

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.login('admin', 'Admin@12345');
});
afterAll(() => t.close());

const body = (over: Record<string, unknown> = {}) => ({
  name: '江东区总工会',
  level: 'district',
  parentId: t.rootOrgId,
  regionCode: '330102',
  ...over,
});

describe('org tree', () => {
  it('creates a district and a grass-roots union, and returns the visible tree', async () => {
    const district = await admin.request({ method: 'POST', url: '/api/orgs', payload: body() });
    expect(district.statusCode).toBe(201);
    const d = district.json();
    expect(d).toMatchObject({
      name: '江东区总工会',
      level: 'district',
      parentId: t.rootOrgId,
      depth: 1,
      active: true,
    });
    expect(d.path).toBe(`${t.rootPath}${d.id}/`);

    const uscc = validUscc();
    const g = await admin.request({
      method: 'POST',
      url: '/api/orgs',
      payload: body({
        name: '恒顺纺织有限公司工会委员会',
        level: 'grassroots',
        parentId: d.id,
        employerName: '临江市恒顺纺织有限公司',
        uscc,
        memberCount: 420,
        contactPhone: '13805711234',
      }),
    });
    expect(g.statusCode).toBe(201);
    expect(g.json()).toMatchObject({ uscc, memberCount: 420, depth: 2 });

    const tree = (await admin.request({ method: 'GET', url: '/api/orgs' })).json();
    expect(tree.items).toHaveLength(1);
    const districtNode = tree.items[0].children.find((c: { id: string }) => c.id === d.id);
    expect(districtNode.children.map((c: { name: string }) => c.name)).toEqual([
      '恒顺纺织有限公司工会委员会',
    ]);

    const detail = (await admin.request({ method: 'GET', url: `/api/orgs/${d.id}` })).json();
    expect(detail).toMatchObject({ parentName: '市总工会', childCount: 1, userCount: 0 });
  });

  it('refuses a level that is not below the parent, and employer fields outside grass-roots', async () => {
    const sameLevel = await admin.request({
      method: 'POST',
      url: '/api/orgs',
      payload: body({ level: 'city' }),
    });
    expect(sameLevel.statusCode).toBe(400);
    expect(sameLevel.json().error.code).toBe('ORG_LEVEL_NOT_BELOW_PARENT');
    const employerOnDistrict = await admin.request({
      method: 'POST',
      url: '/api/orgs',
      payload: body({ employerName: '某公司', uscc: validUscc() }),
    });
    expect(employerOnDistrict.json().error.code).toBe('ORG_EMPLOYER_FIELDS_ONLY_GRASSROOTS');
    const grassrootsWithoutUscc = await admin.request({
      method: 'POST',
      url: '/api/orgs',
      payload: body({ level: 'grassroots', name: '某公司工会' }),
    });
    expect(grassrootsWithoutUscc.json().error.code).toBe('ORG_GRASSROOTS_FIELDS_REQUIRED');
  });

  it('refuses a USCC already used by another union, naming it', async () => {
    const district = await t.makeOrg(t.rootOrgId, 'district');
    const uscc = validUscc();
    const make = (name: string) =>
      admin.request({
        method: 'POST',
        url: '/api/orgs',
        payload: body({
          name,
          level: 'grassroots',
          parentId: district.id,
          employerName: `${name}公司`,
          uscc,
        }),
      });
    expect((await make('甲公司工会')).statusCode).toBe(201);
    const second = await make('乙公司工会');
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'ORG_USCC_TAKEN' });
    expect(second.json().error.message).toContain('甲公司工会');
  });

  it('renames and edits contact details, keeping level rules', async () => {
    const district = await t.makeOrg(t.rootOrgId, 'district');
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/orgs/${district.id}`,
      payload: { name: '江东区总工会（新）', contactPerson: '王建国', contactPhone: '0571-86001234' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '江东区总工会（新）', contactPerson: '王建国' });
  });

  it('moves a subtree and rewrites every path below it, refusing cycles', async () => {
    const a = await t.makeOrg(t.rootOrgId, 'district');
    const b = await t.makeOrg(t.rootOrgId, 'district');
    const town = await t.makeOrg(a.id, 'township');
    const unit = await t.makeOrg(town.id, 'grassroots');

    const moved = await admin.request({
      method: 'POST',
      url: `/api/orgs/${town.id}/move`,
      payload: { parentId: b.id },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().path).toBe(`${b.path}${town.id}/`);
    const unitAfter = (await admin.request({ method: 'GET', url: `/api/orgs/${unit.id}` })).json();
    expect(unitAfter.path).toBe(`${b.path}${town.id}/${unit.id}/`);
    expect(unitAfter.depth).toBe(3);

    const intoOwnChild = await admin.request({
      method: 'POST',
      url: `/api/orgs/${town.id}/move`,
      payload: { parentId: unit.id },
    });
    expect(intoOwnChild.statusCode).toBe(409);
    expect(intoOwnChild.json().error.code).toBe('ORG_MOVE_CYCLE');

    const underGrassroots = await admin.request({
      method: 'POST',
      url: `/api/orgs/${b.id}/move`,
      payload: { parentId: unit.id },
    });
    expect(underGrassroots.statusCode).toBe(409);
  });

  it('deactivates only units without active children or accounts, and never the own unit', async () => {
    const district = await t.makeOrg(t.rootOrgId, 'district');
    const town = await t.makeOrg(district.id, 'township');
    const blocked = await admin.request({ method: 'POST', url: `/api/orgs/${district.id}/deactivate` });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.code).toBe('ORG_HAS_ACTIVE_CHILDREN');

    const user = await t.makeUser(town.id, ['officer']);
    const withUser = await admin.request({ method: 'POST', url: `/api/orgs/${town.id}/deactivate` });
    expect(withUser.json().error.code).toBe('ORG_HAS_ACTIVE_USERS');
    await admin.request({ method: 'PATCH', url: `/api/users/${user.id}`, payload: { active: false } });

    const ok = await admin.request({ method: 'POST', url: `/api/orgs/${town.id}/deactivate` });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().active).toBe(false);
    const createUnder = await admin.request({
      method: 'POST',
      url: '/api/orgs',
      payload: body({
        level: 'grassroots',
        parentId: town.id,
        employerName: '某公司',
        uscc: validUscc(),
        name: '某公司工会',
      }),
    });
    expect(createUnder.json().error.code).toBe('ORG_PARENT_INACTIVE');

    const own = await admin.request({ method: 'POST', url: `/api/orgs/${t.rootOrgId}/deactivate` });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('ORG_OWN_UNIT');

    const tree = (
      await admin.request({ method: 'GET', url: '/api/orgs?flat=true&includeInactive=false' })
    ).json();
    expect(tree.items.some((o: { id: string }) => o.id === town.id)).toBe(false);
  });
});

describe('concurrency', () => {
  it.runIf(process.env.TEST_DATABASE_URL)(
    'a unit being deactivated gets no new unit or account meanwhile, and a USCC taken twice at once is a 409',
    async () => {
      for (let round = 0; round < 6; round++) {
        const d = await t.makeOrg(t.rootOrgId, 'district', `待停用区-${round}`);
        const [child, user, deactivated] = await Promise.all([
          admin.request({
            method: 'POST',
            url: '/api/orgs',
            payload: body({ name: `新街道-${round}`, level: 'township', parentId: d.id }),
          }),
          admin.request({
            method: 'POST',
            url: '/api/users',
            payload: {
              username: `race.user.${round}`,
              displayName: '新账号',
              orgId: d.id,
              roles: ['officer'],
              password: 'Start@2026',
            },
          }),
          admin.request({ method: 'POST', url: `/api/orgs/${d.id}/deactivate` }),
        ]);
        // Either the deactivation came first (both refused) or it saw what was added (and was refused).
        if (deactivated.statusCode === 200) {
          expect(child.json().error?.code).toBe('ORG_PARENT_INACTIVE');
          expect(user.json().error?.code).toBe('USER_ORG_INACTIVE');
        } else {
          expect(['ORG_HAS_ACTIVE_CHILDREN', 'ORG_HAS_ACTIVE_USERS']).toContain(
            deactivated.json().error.code,
          );
        }
      }
      const uscc = validUscc();
      const both = await Promise.all(
        ['甲', '乙'].map((n) =>
          admin.request({
            method: 'POST',
            url: '/api/orgs',
            payload: body({ name: `${n}公司工会`, level: 'grassroots', employerName: `${n}公司`, uscc }),
          }),
        ),
      );
      expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      expect(both.find((r) => r.statusCode === 409)!.json().error.code).toBe('ORG_USCC_TAKEN');
    },
  );
});

describe('tree reads', () => {
  it('answer 304 to an unchanged tree and show every change at once', async () => {
    const district = await t.makeOrg(t.rootOrgId, 'district', '缓存测试区总工会');
    const first = await admin.request({ method: 'GET', url: '/api/orgs?flat=true' });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"t\d+-/);
    const unchanged = await admin.request({
      method: 'GET',
      url: '/api/orgs?flat=true',
      headers: { 'if-none-match': etag },
    });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.body).toBe('');

    await admin.request({
      method: 'PATCH',
      url: `/api/orgs/${district.id}`,
      payload: { name: '缓存测试区总工会（改名）' },
    });
    const changed = await admin.request({
      method: 'GET',
      url: '/api/orgs?flat=true',
      headers: { 'if-none-match': etag },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    const names = changed.json().items.map((o: { name: string }) => o.name);
    expect(names).toContain('缓存测试区总工会（改名）');
    expect(names).not.toContain('缓存测试区总工会');
  });

  it('never serves one scope’s cached tree to another scope', async () => {
    const east = await t.makeOrg(t.rootOrgId, 'district');
    const west = await t.makeOrg(t.rootOrgId, 'district');
    const eastUser = await t.login((await t.makeUser(east.id, ['officer'])).username);
    const westUser = await t.login((await t.makeUser(west.id, ['officer'])).username);
    const eastTree = (await eastUser.request({ method: 'GET', url: '/api/orgs' })).json();
    const westTree = (await westUser.request({ method: 'GET', url: '/api/orgs' })).json();
    expect(eastTree.items.map((o: { id: string }) => o.id)).toEqual([east.id]);
    expect(westTree.items.map((o: { id: string }) => o.id)).toEqual([west.id]);
  });
});

describe('data scope', () => {
  it('a district admin cannot list, read, update, move or deactivate another district’s units', async () => {
    const east = await t.makeOrg(t.rootOrgId, 'district', '江东区总工会-范围');
    const west = await t.makeOrg(t.rootOrgId, 'district', '江北区总工会-范围');
    const westTown = await t.makeOrg(west.id, 'township');
    const eastTown = await t.makeOrg(east.id, 'township');
    const eastAdmin = await t.makeUser(east.id, ['admin']);
    const s = await t.login(eastAdmin.username);

    const tree = (await s.request({ method: 'GET', url: '/api/orgs?flat=true' })).json();
    const ids = tree.items.map((o: { id: string }) => o.id);
    expect(ids).toContain(east.id);
    expect(ids).toContain(eastTown.id);
    expect(ids).not.toContain(west.id);
    expect(ids).not.toContain(t.rootOrgId);

    for (const id of [west.id, westTown.id, t.rootOrgId]) {
      const read = await s.request({ method: 'GET', url: `/api/orgs/${id}` });
      expect(read.statusCode).toBe(404);
      expect(read.json().error.code).toBe('ORG_NOT_FOUND');
      const update = await s.request({
        method: 'PATCH',
        url: `/api/orgs/${id}`,
        payload: { name: '被篡改的名称' },
      });
      expect(update.statusCode).toBe(404);
      const deactivate = await s.request({ method: 'POST', url: `/api/orgs/${id}/deactivate` });
      expect(deactivate.statusCode).toBe(404);
    }
    // Neither pulling a foreign unit in nor pushing an own unit out.
    const pull = await s.request({
      method: 'POST',
      url: `/api/orgs/${westTown.id}/move`,
      payload: { parentId: east.id },
    });
    expect(pull.statusCode).toBe(404);
    const push = await s.request({
      method: 'POST',
      url: `/api/orgs/${eastTown.id}/move`,
      payload: { parentId: west.id },
    });
    expect(push.statusCode).toBe(404);
    const createAbroad = await s.request({
      method: 'POST',
      url: '/api/orgs',
      payload: body({ level: 'township', parentId: west.id, name: '越权新建的街道' }),
    });
    expect(createAbroad.statusCode).toBe(404);

    const westAfter = (await admin.request({ method: 'GET', url: `/api/orgs/${west.id}` })).json();
    expect(westAfter.name).toBe('江北区总工会-范围');
    expect(westAfter.childCount).toBe(1);
  });

  it('region codes stay inside the setter’s region; nobody re-codes their own unit to set a wider 低保', async () => {
    const east = await t.makeOrg(t.rootOrgId, 'district', '江东区总工会-区划');
    const eastAdmin = await t.login((await t.makeUser(east.id, ['admin'])).username);
    const policy = {
      regionCode: '330100',
      effectiveFrom: '2021-01-01',
      dibaoFen: 1,
      relativeMultiplier: 2,
      suddenExpenditureRatio: 0.8,
    };
    const setCityPolicy = () => eastAdmin.request({ method: 'POST', url: '/api/policies', payload: policy });
    expect((await setCityPolicy()).json().error.code).toBe('POLICY_REGION_OUT_OF_SCOPE');

    // The way round it the review found: widen the own unit's code, then set the city's standard.
    const own = await eastAdmin.request({
      method: 'PATCH',
      url: `/api/orgs/${east.id}`,
      payload: { regionCode: '330000' },
    });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('ORG_OWN_REGION');
    expect((await setCityPolicy()).json().error.code).toBe('POLICY_REGION_OUT_OF_SCOPE');

    // Units below: only codes of the district itself (a county has no finer codes).
    const town = await eastAdmin.request({
      method: 'POST',
      url: '/api/orgs',
      payload: body({ name: '望江街道-区划', level: 'township', parentId: east.id, regionCode: '330105' }),
    });
    expect(town.statusCode).toBe(403);
    expect(town.json().error.code).toBe('ORG_REGION_OUT_OF_SCOPE');
    expect(town.json().error.message).toContain('330105');
    const ok = await eastAdmin.request({
      method: 'POST',
      url: '/api/orgs',
      payload: body({ name: '望江街道-区划', level: 'township', parentId: east.id }),
    });
    expect(ok.statusCode).toBe(201);
    const recode = await eastAdmin.request({
      method: 'PATCH',
      url: `/api/orgs/${ok.json().id}`,
      payload: { regionCode: '330100' },
    });
    expect(recode.json().error.code).toBe('ORG_REGION_OUT_OF_SCOPE');

    // The city's admin may re-code a district within the city, not outside it.
    const moved = await admin.request({
      method: 'PATCH',
      url: `/api/orgs/${east.id}`,
      payload: { regionCode: '330106' },
    });
    expect(moved.statusCode).toBe(200);
    const away = await admin.request({
      method: 'PATCH',
      url: `/api/orgs/${east.id}`,
      payload: { regionCode: '330200' },
    });
    expect(away.json().error.code).toBe('ORG_REGION_OUT_OF_SCOPE');
  });

  it('an officer may read the tree but not change it', async () => {
    const district = await t.makeOrg(t.rootOrgId, 'district');
    const officer = await t.makeUser(district.id, ['officer']);
    const s = await t.login(officer.username);
    expect((await s.request({ method: 'GET', url: `/api/orgs/${district.id}` })).statusCode).toBe(200);
    const res = await s.request({
      method: 'POST',
      url: '/api/orgs',
      payload: body({ level: 'township', parentId: district.id, name: '经办无权新建' }),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });
});
