import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../../testing/harness';

let t: TestContext;
let admin: Session;

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.login('admin', 'Admin@12345');
});
afterAll(() => t.close());

describe('users', () => {
  it('creates an account that must change its password, then lists and filters it', async () => {
    const district = await t.makeOrg(t.rootOrgId, 'district', '江东区总工会-用户');
    const res = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'JD.Officer',
        displayName: '王秀英',
        orgId: district.id,
        roles: ['officer', 'reviewer'],
        password: 'Start@2026',
      },
    });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({
      username: 'jd.officer',
      displayName: '王秀英',
      orgName: '江东区总工会-用户',
      roles: ['officer', 'reviewer'],
      active: true,
      locked: false,
      mustChangePassword: true,
    });
    expect(user).not.toHaveProperty('passwordHash');

    const byRole = (
      await admin.request({ method: 'GET', url: `/api/users?role=reviewer&orgId=${district.id}` })
    ).json();
    expect(byRole.items.map((u: { username: string }) => u.username)).toEqual(['jd.officer']);
    const byText = (await admin.request({ method: 'GET', url: '/api/users?q=%E7%8E%8B%E7%A7%80' })).json();
    expect(byText.items.some((u: { id: string }) => u.id === user.id)).toBe(true);
    const paged = (await admin.request({ method: 'GET', url: '/api/users?page=1&pageSize=1' })).json();
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBeGreaterThanOrEqual(2);
  });

  it('refuses a taken username (case-insensitively) and a weak password with Chinese messages', async () => {
    const payload = {
      username: 'Admin',
      displayName: '重名',
      orgId: t.rootOrgId,
      roles: ['officer'],
      password: 'Good@2026',
    };
    const taken = await admin.request({ method: 'POST', url: '/api/users', payload });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'USER_USERNAME_TAKEN' });
    const weak = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: { ...payload, username: 'weak1', password: 'abcdefgh' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toMatch(/密码/);
  });

  it('changes roles, unit and status; a deactivated user loses access at once', async () => {
    const district = await t.makeOrg(t.rootOrgId, 'district');
    const town = await t.makeOrg(district.id, 'township');
    const user = await t.makeUser(district.id, ['auditor']);
    const s = await t.login(user.username);
    expect((await s.request({ method: 'GET', url: '/api/users' })).statusCode).toBe(200);

    const changed = await admin.request({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      payload: { roles: ['finance'], orgId: town.id },
    });
    expect(changed.json()).toMatchObject({ roles: ['finance'], orgId: town.id });
    // Roles are read on every request: the finance role may not list users.
    expect((await s.request({ method: 'GET', url: '/api/users' })).statusCode).toBe(403);

    await admin.request({ method: 'PATCH', url: `/api/users/${user.id}`, payload: { active: false } });
    expect((await s.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('an administrator cannot change their own roles or deactivate themselves', async () => {
    const me = (await admin.request({ method: 'GET', url: '/api/auth/me' })).json().user;
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/users/${me.id}`,
      payload: { roles: ['officer'] },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('USER_SELF_CHANGE');
    const rename = await admin.request({
      method: 'PATCH',
      url: `/api/users/${me.id}`,
      payload: { displayName: '系统管理员甲' },
    });
    expect(rename.statusCode).toBe(200);
  });

  it('a password reset forces a change at next sign-in and ends existing sessions', async () => {
    const user = await t.makeUser(t.rootOrgId, ['officer']);
    const s = await t.login(user.username);
    const reset = await admin.request({
      method: 'POST',
      url: `/api/users/${user.id}/reset-password`,
      payload: { newPassword: 'Reset@2026' },
    });
    expect(reset.statusCode).toBe(200);
    expect((await s.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const again = await t.login(user.username, 'Reset@2026');
    expect((await again.request({ method: 'GET', url: '/api/orgs' })).json().error.code).toBe(
      'PASSWORD_CHANGE_REQUIRED',
    );
  });
});

describe('resetting one’s own password', () => {
  it('is refused: an administrator changes their own with the current one', async () => {
    const district = await t.makeOrg(t.rootOrgId, 'district');
    const districtAdmin = await t.makeUser(district.id, ['admin']);
    const s = await t.login(districtAdmin.username);
    const reset = await s.request({
      method: 'POST',
      url: `/api/users/${districtAdmin.id}/reset-password`,
      payload: { newPassword: 'Hijack@2026x' },
    });
    expect(reset.statusCode).toBe(403);
    expect(reset.json().error).toMatchObject({ code: 'USER_SELF_RESET' });
    expect(reset.json().error.message).toContain('我的账号');
    // Nothing changed: the old password still signs in, the session still works.
    expect((await s.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    await t.login(districtAdmin.username);
  });

  it('nor may one unlock oneself: it would clear the count of wrong current passwords', async () => {
    const district = await t.makeOrg(t.rootOrgId, 'district');
    const districtAdmin = await t.makeUser(district.id, ['admin']);
    const s = await t.login(districtAdmin.username);
    const change = () =>
      s.request({
        method: 'POST',
        url: '/api/auth/password',
        remoteAddress: '10.9.0.1',
        payload: { currentPassword: 'Guess@12345', newPassword: 'Other#Pass2024' },
      });
    for (let i = 0; i < 4; i++)
      expect((await change()).json().error.code).toBe('AUTH_WRONG_CURRENT_PASSWORD');
    const unlock = await s.request({ method: 'POST', url: `/api/users/${districtAdmin.id}/unlock` });
    expect(unlock.statusCode).toBe(403);
    expect(unlock.json().error.code).toBe('USER_SELF_UNLOCK');
    // The fifth wrong try still locks the account.
    expect((await change()).json().error.code).toBe('AUTH_LOCKED');
  });
});

describe('data scope of users', () => {
  it('a district admin cannot list, read, update, reset or create users of another district', async () => {
    const east = await t.makeOrg(t.rootOrgId, 'district');
    const west = await t.makeOrg(t.rootOrgId, 'district');
    const eastAdmin = await t.makeUser(east.id, ['admin']);
    const eastOfficer = await t.makeUser(east.id, ['officer']);
    const westOfficer = await t.makeUser(west.id, ['officer']);
    const s = await t.login(eastAdmin.username);

    const list = (await s.request({ method: 'GET', url: '/api/users?pageSize=200' })).json();
    const ids = list.items.map((u: { id: string }) => u.id);
    expect(ids).toEqual(expect.arrayContaining([eastAdmin.id, eastOfficer.id]));
    expect(ids).not.toContain(westOfficer.id);
    expect((await s.request({ method: 'GET', url: `/api/users?orgId=${west.id}` })).statusCode).toBe(404);

    const attempts = [
      s.request({ method: 'GET', url: `/api/users/${westOfficer.id}` }),
      s.request({ method: 'PATCH', url: `/api/users/${westOfficer.id}`, payload: { roles: ['admin'] } }),
      s.request({
        method: 'POST',
        url: `/api/users/${westOfficer.id}/reset-password`,
        payload: { newPassword: 'Hijack@2026' },
      }),
      s.request({ method: 'POST', url: `/api/users/${westOfficer.id}/unlock` }),
      s.request({
        method: 'POST',
        url: '/api/users',
        payload: {
          username: 'planted',
          displayName: '越权',
          orgId: west.id,
          roles: ['admin'],
          password: 'Plant@2026',
        },
      }),
      // Moving an own user into a foreign unit is refused too.
      s.request({ method: 'PATCH', url: `/api/users/${eastOfficer.id}`, payload: { orgId: west.id } }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toMatch(/_NOT_FOUND$/);
    }
    const victim = (await admin.request({ method: 'GET', url: `/api/users/${westOfficer.id}` })).json();
    expect(victim).toMatchObject({ roles: ['officer'], orgId: west.id });
    const stillWorks = await t.login(westOfficer.username);
    expect(stillWorks.token).toBeTruthy();
  });

  it('a user id that does not exist answers exactly like a foreign one', async () => {
    const district = await t.makeOrg(t.rootOrgId, 'district');
    const s = await t.login((await t.makeUser(district.id, ['admin'])).username);
    const missing = await s.request({
      method: 'GET',
      url: '/api/users/00000000-0000-4000-8000-000000000000',
    });
    const foreign = await s.request({
      method: 'GET',
      url: `/api/users/${(await admin.request({ method: 'GET', url: '/api/auth/me' })).json().user.id}`,
    });
    expect(missing.statusCode).toBe(404);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
  });
});

describe('export', () => {
  it('exports the filtered users of the caller’s scope to a real .xlsx through a background job', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const district = await t.makeOrg(t.rootOrgId, 'district', '导出测试区总工会');
    const other = await t.makeOrg(t.rootOrgId, 'district');
    const districtAdmin = await t.makeUser(district.id, ['admin']);
    await t.makeUser(other.id, ['officer'], 'outsider');
    const formula = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'formula',
        displayName: '=HYPERLINK("x")',
        orgId: district.id,
        roles: ['officer'],
        password: 'Good@2026',
      },
    });
    expect(formula.statusCode).toBe(201);

    const s = await t.login(districtAdmin.username);
    const started = await s.request({ method: 'POST', url: '/api/users/export', payload: {} });
    expect(started.statusCode).toBe(202);
    await t.deps.jobs.idle();
    const job = (await s.request({ method: 'GET', url: `/api/jobs/${started.json().id}` })).json();
    expect(job).toMatchObject({ status: 'succeeded', done: 2, total: 2, result: { rowCount: 2 } });

    const file = await s.request({ method: 'GET', url: `/api/files/${job.result.fileId}/content` });
    expect(file.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const values = sheet.getSheetValues().slice(1) as unknown[][];
    expect(values[0]!.slice(1, 5)).toEqual(['用户名', '姓名', '所属单位', '角色']);
    const usernames = values.slice(1).map((row) => row[1]);
    expect(usernames.sort()).toEqual([districtAdmin.username, 'formula'].sort());
    const formulaRow = values.find((row) => row[1] === 'formula')!;
    expect(formulaRow[2]).toBe(`'=HYPERLINK("x")`);

    const audit = (await admin.request({ method: 'GET', url: '/api/audit?action=user.exported' })).json();
    expect(audit.items[0].after).toMatchObject({ rows: 2 });
  });
});
