import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../testing/harness';

/**
 * Bad input on every endpoint answers 400 with the one error shape and loses nothing.
 * The last test checks that this table covers every operation in the OpenAPI document.
 */
let t: TestContext;
let admin: Session;
/** Signed in, with a role that allows nothing (a union member). */
let member: Session;
let orgCountBefore: number;
let userCountBefore: number;

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.login('admin', 'Admin@12345');
  member = await t.loginNewUser(t.rootOrgId, ['member']);
  orgCountBefore = (await admin.request({ method: 'GET', url: '/api/orgs?flat=true' })).json().items.length;
  userCountBefore = (await admin.request({ method: 'GET', url: '/api/users' })).json().total;
});
afterAll(() => t.close());

const ID = '00000000-0000-4000-8000-000000000000';
const long = (n: number) => '长'.repeat(n);

interface Case {
  method: 'GET' | 'POST' | 'PATCH';
  /** OpenAPI path, e.g. /api/orgs/{id} */
  path: string;
  url: string;
  payload?: unknown;
  why: string;
  /** The field the error must point at, when there is one. */
  field?: string;
}

/** One bad request of an operation: what is sent, why it is wrong, the field the error must name. */
interface Variant {
  /** Path parameters; those not given are a well-formed id of nothing (`ID`). */
  params?: Record<string, string>;
  /** The query string, without `?`. */
  query?: string;
  payload?: unknown;
  why: string;
  field?: string;
}

/** The cases of one operation, e.g. `on('PATCH /api/orgs/{id}', …variants)`. */
function on(operation: `${Case['method']} /api/${string}`, ...variants: Variant[]): Case[] {
  const [method, path] = operation.split(' ') as [Case['method'], string];
  return variants.map(({ params = {}, query, ...v }) => ({
    method,
    path,
    url: path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? ID) + (query ? `?${query}` : ''),
    ...v,
  }));
}

/** A path parameter (`id` unless named) that is not an id at all. */
const malformedId = (value: string, param = 'id'): Variant => ({
  params: { [param]: value },
  why: 'malformed id',
  field: param,
});

const cases: Case[] = [
  ...on(
    'POST /api/auth/login',
    { payload: { username: 1, password: 'x' }, why: 'wrong type', field: 'username' },
    { payload: { username: 'a', password: 'b', remember: true }, why: 'unknown field' },
    { payload: { username: 'a'.repeat(51), password: 'b' }, why: 'oversize', field: 'username' },
  ),
  ...on(
    'POST /api/auth/password',
    { payload: { currentPassword: 5, newPassword: 'x' }, why: 'wrong type', field: 'currentPassword' },
    { payload: { currentPassword: 'a', newPassword: 'b', confirm: 'b' }, why: 'unknown field' },
  ),
  ...on(
    'GET /api/orgs',
    { query: 'flat=maybe', why: 'wrong type', field: 'flat' },
    { query: 'sort=name', why: 'unknown parameter' },
  ),
  ...on('GET /api/orgs/{id}', malformedId('123')),
  ...on(
    'POST /api/orgs',
    {
      payload: { name: '新单位', level: 'district', parentId: ID, regionCode: '990102' },
      why: 'invalid region code',
      field: 'regionCode',
    },
    {
      payload: {
        name: '某公司工会',
        level: 'grassroots',
        parentId: ID,
        regionCode: '330102',
        employerName: '某公司',
        uscc: '91350100M000100Y44',
      },
      why: 'invalid USCC check character',
      field: 'uscc',
    },
    {
      payload: { name: long(101), level: 'district', parentId: ID, regionCode: '330102' },
      why: 'oversize',
      field: 'name',
    },
    {
      payload: {
        name: '某公司工会',
        level: 'grassroots',
        parentId: ID,
        regionCode: '330102',
        memberCount: 'many',
      },
      why: 'wrong type',
      field: 'memberCount',
    },
    {
      payload: { name: '新单位', level: 'district', parentId: ID, regionCode: '330102', budget: 1 },
      why: 'unknown field',
    },
    {
      payload: { name: '新单位', level: 'province', parentId: ID, regionCode: '330102' },
      why: 'unknown level',
      field: 'level',
    },
  ),
  ...on(
    'PATCH /api/orgs/{id}',
    { payload: { regionCode: '12' }, why: 'invalid region code', field: 'regionCode' },
    { payload: { uscc: 'ABC' }, why: 'invalid USCC', field: 'uscc' },
    { payload: { parentId: ID }, why: 'not editable here' },
    { payload: { contactPhone: '12345' }, why: 'invalid phone', field: 'contactPhone' },
  ),
  ...on(
    'POST /api/orgs/{id}/move',
    { payload: { parentId: 'root' }, why: 'malformed id', field: 'parentId' },
    { payload: {}, why: 'missing field', field: 'parentId' },
  ),
  ...on('POST /api/orgs/{id}/deactivate', malformedId('x')),
  ...on('POST /api/orgs/{id}/activate', malformedId('x')),
  ...on(
    'GET /api/users',
    { query: 'page=0', why: 'out of range', field: 'page' },
    { query: 'pageSize=1000', why: 'out of range', field: 'pageSize' },
    { query: 'role=king', why: 'unknown role', field: 'role' },
    { query: `q=${encodeURIComponent(long(51))}`, why: 'oversize', field: 'q' },
    { query: 'q=%E5%BC%A0%00', why: 'U+0000, which PostgreSQL refuses', field: 'q' },
  ),
  ...on('GET /api/users/{id}', malformedId('admin')),
  ...on(
    'POST /api/users/export',
    { payload: { role: 'king' }, why: 'unknown role', field: 'role' },
    { payload: { active: 'yes' }, why: 'wrong type', field: 'active' },
    { payload: { format: 'csv' }, why: 'unknown field' },
  ),
  ...on(
    'POST /api/users',
    {
      payload: {
        username: 'bad name',
        displayName: '张三',
        orgId: ID,
        roles: ['officer'],
        password: 'Good@2026',
      },
      why: 'invalid username',
      field: 'username',
    },
    {
      payload: { username: 'zhangsan', displayName: '张三', orgId: ID, roles: [], password: 'Good@2026' },
      why: 'no role',
      field: 'roles',
    },
    {
      payload: {
        username: 'zhangsan',
        displayName: '张三',
        orgId: ID,
        roles: ['king'],
        password: 'Good@2026',
      },
      why: 'unknown role',
      field: 'roles.0',
    },
    {
      payload: {
        username: 'zhangsan',
        displayName: long(51),
        orgId: ID,
        roles: ['officer'],
        password: 'Good@2026',
      },
      why: 'oversize',
      field: 'displayName',
    },
    {
      payload: {
        username: 'zhangsan',
        displayName: '张三',
        orgId: ID,
        roles: ['officer'],
        password: 'Good@2026',
        isRoot: true,
      },
      why: 'unknown field',
    },
  ),
  ...on(
    'PATCH /api/users/{id}',
    { payload: { active: 'yes' }, why: 'wrong type', field: 'active' },
    { payload: { passwordHash: 'x' }, why: 'unknown field' },
  ),
  ...on(
    'POST /api/users/{id}/reset-password',
    { payload: { newPassword: 123 }, why: 'wrong type', field: 'newPassword' },
    { payload: { newPassword: 'A'.repeat(65) }, why: 'oversize', field: 'newPassword' },
  ),
  ...on('POST /api/users/{id}/unlock', malformedId('1')),
  ...on(
    'GET /api/audit',
    { query: 'page=-1', why: 'out of range', field: 'page' },
    { query: 'from=yesterday', why: 'not a date', field: 'from' },
    { query: `entity=${'e'.repeat(41)}`, why: 'oversize', field: 'entity' },
  ),
  ...on('GET /api/jobs/{id}', malformedId('42')),
  ...on('GET /api/jobs/{id}/errors.xlsx', malformedId('42'), { query: 'x=1', why: 'unknown parameter' }),
  ...on('GET /api/files/{id}', malformedId('42')),
  ...on('GET /api/files/{id}/content', malformedId('42')),
  ...on('GET /api/policies', { query: 'regionCode=33a1', why: 'not digits', field: 'regionCode' }),
  ...on('GET /api/policies/in-force', {
    query: 'regionCode=330102&date=2026-13-01',
    why: 'not a date',
    field: 'date',
  }),
  ...on('GET /api/policies/{id}', malformedId('1')),
  ...on(
    'POST /api/policies',
    {
      payload: {
        regionCode: '330100',
        effectiveFrom: '2026-07-01',
        dibaoFen: 1169.5,
        relativeMultiplier: 2,
        suddenExpenditureRatio: 0.8,
      },
      why: 'fen must be whole',
      field: 'dibaoFen',
    },
    {
      payload: {
        regionCode: '330100',
        effectiveFrom: '2026-07-01',
        dibaoFen: 116900,
        relativeMultiplier: 2,
        suddenExpenditureRatio: 0.8,
        id: ID,
      },
      why: 'unknown field',
    },
  ),
  ...on(
    'GET /api/households',
    { query: 'category=poor', why: 'unknown category', field: 'category' },
    { query: 'reviewDueBefore=soon', why: 'not a date', field: 'reviewDueBefore' },
  ),
  ...on('GET /api/households/stats', { query: 'cause=bad_luck', why: 'unknown cause', field: 'cause' }),
  ...on('GET /api/households/report', { query: 'from=2026-02-30', why: 'impossible date', field: 'from' }),
  ...on('GET /api/households/report.xlsx', {
    query: 'from=2026-06-01&to=2026-01-01',
    why: 'period ending before it starts',
    field: 'to',
  }),
  ...on('GET /api/households/{id}', malformedId('7')),
  ...on('GET /api/households/{id}/decisions', malformedId('7')),
  ...on(
    'POST /api/households',
    {
      payload: { employerOrgId: ID, name: '张三', idNumber: '110105194912310021' },
      why: 'bad ID check digit',
      field: 'idNumber',
    },
    {
      payload: {
        employerOrgId: ID,
        name: '张三',
        idNumber: '11010519491231002X',
        incomes: [{ kind: 'wages', annualFen: -100 }],
      },
      why: 'negative income',
      field: 'incomes.0.annualFen',
    },
  ),
  ...on(
    'PATCH /api/households/{id}',
    { payload: { status: 'archived' }, why: 'not editable here' },
    { payload: { causes: ['bad_luck'] }, why: 'unknown cause', field: 'causes.0' },
  ),
  ...on('POST /api/households/{id}/submit', malformedId('x')),
  ...on('POST /api/households/{id}/withdraw', {
    payload: { reason: long(501) },
    why: 'oversize',
    field: 'reason',
  }),
  ...on('POST /api/households/{id}/approve', {
    payload: { comment: 1 },
    why: 'wrong type',
    field: 'comment',
  }),
  ...on('POST /api/households/{id}/return', { payload: {}, why: 'missing reason', field: 'reason' }),
  ...on('POST /api/households/{id}/reject', {
    payload: { reason: '不符合', level: 'city' },
    why: 'unknown field',
  }),
  ...on('POST /api/households/{id}/reveal', {
    payload: { field: 'password' },
    why: 'unknown field name',
    field: 'field',
  }),
  ...on('GET /api/households/{id}/income-records', malformedId('7')),
  ...on('POST /api/households/{id}/income-records', {
    payload: { month: '2026-13', incomeFen: 100 },
    why: 'not a month',
    field: 'month',
  }),
  ...on('POST /api/households/{id}/propose-exit', {
    payload: { reason: '' },
    why: 'empty reason',
    field: 'reason',
  }),
  ...on('POST /api/households/{id}/confirm-exit', {
    payload: { comment: long(501) },
    why: 'oversize',
    field: 'comment',
  }),
  ...on('POST /api/households/{id}/decline-exit', {
    payload: { reason: 5 },
    why: 'wrong type',
    field: 'reason',
  }),
  ...on('POST /api/households/{id}/relapse', {
    payload: { reason: '再次失业', status: 'archived' },
    why: 'unknown field',
  }),
  ...on('GET /api/households/import/template', { query: 'format=xls', why: 'unknown parameter' }),
  ...on('POST /api/households/import', {
    payload: { mode: 'valid_rows', file: 'households.xlsx' },
    why: 'not multipart',
    field: 'file',
  }),
  ...on(
    'POST /api/households/export',
    { payload: { unmasked: 'yes' }, why: 'wrong type', field: 'unmasked' },
    { payload: { status: 'lost' }, why: 'unknown status', field: 'status' },
    { payload: { format: 'csv' }, why: 'unknown field' },
  ),
  ...on('GET /api/households/duplicates', { query: 'page=0', why: 'out of range', field: 'page' }),
  ...on('GET /api/households/{id}/duplicates', malformedId('7')),
  ...on(
    'POST /api/households/duplicates/check',
    { payload: { employerOrgId: 'x', name: '张三' }, why: 'malformed id', field: 'employerOrgId' },
    { payload: { employerOrgId: ID, name: '张三', phone: '12' }, why: 'not a phone number', field: 'phone' },
  ),
  ...on('POST /api/households/{id}/not-duplicate', {
    payload: { otherId: 'x' },
    why: 'malformed id',
    field: 'otherId',
  }),
  ...on('GET /api/households/annual-review/due', {
    query: 'before=soon',
    why: 'not a date',
    field: 'before',
  }),
  ...on('POST /api/households/{id}/annual-review', {
    payload: { outcome: 'skip', note: '核实' },
    why: 'unknown outcome',
    field: 'outcome',
  }),
  ...on('POST /api/households/annual-review/samples', {
    payload: { year: 2026, orgId: ID, ratio: 0.2 },
    why: 'ratio under 30 %',
    field: 'ratio',
  }),
  ...on('GET /api/households/annual-review/samples', {
    query: 'year=last',
    why: 'not a year',
    field: 'year',
  }),
  ...on('GET /api/households/annual-review/samples/{id}', malformedId('7')),
  ...on('POST /api/households/annual-review/samples/{id}/items/{householdId}/finding', {
    payload: { result: 'maybe', note: '核实' },
    why: 'unknown result',
    field: 'result',
  }),
  // ——— funds, programs, applications (issue 6) ———
  ...on('GET /api/funds', { query: 'year=abc', why: 'wrong type', field: 'year' }),
  ...on('GET /api/funds/{id}', malformedId('123')),
  ...on(
    'POST /api/funds',
    {
      payload: { orgId: ID, name: '区政府拨款', kind: 'government', year: 2026, receivedFen: 12.5 },
      why: 'fractional fen',
      field: 'receivedFen',
    },
    {
      payload: { orgId: ID, name: '区政府拨款', kind: 'lottery', year: 2026, receivedFen: 100 },
      why: 'unknown kind',
      field: 'kind',
    },
  ),
  ...on('GET /api/programs', { query: 'type=gift', why: 'unknown type', field: 'type' }),
  ...on('GET /api/programs/{id}', malformedId('123')),
  ...on(
    'POST /api/programs',
    {
      payload: {
        orgId: ID,
        type: 'warmth',
        name: '送温暖',
        year: 2026,
        categories: ['deep'],
        windowStart: '2026-02-01',
        windowEnd: '2026-01-01',
        reviewChain: ['grassroots'],
      },
      why: 'window ends before it starts',
      field: 'windowEnd',
    },
    {
      payload: {
        orgId: ID,
        type: 'warmth',
        name: '送温暖',
        year: 2026,
        categories: ['deep'],
        windowStart: '2026-01-01',
        windowEnd: '2026-02-01',
        reviewChain: ['district', 'grassroots'],
      },
      why: 'review chain not bottom-up',
      field: 'reviewChain',
    },
  ),
  ...on('POST /api/programs/{id}/allocations', {
    payload: { sourceId: ID, amountFen: -5 },
    why: 'negative amount',
    field: 'amountFen',
  }),
  ...on('POST /api/programs/{id}/allocations/return', {
    payload: { sourceId: ID, amountFen: 100 },
    why: 'return without a reason',
    field: 'reason',
  }),
  ...on('GET /api/applications', { query: 'status=paid', why: 'unknown status', field: 'status' }),
  ...on('GET /api/applications/{id}', malformedId('123')),
  ...on('GET /api/applications/{id}/eligibility', malformedId('abc')),
  ...on('POST /api/applications/check', {
    payload: { programId: ID, householdId: ID, requestedFen: 0, reason: '生活困难' },
    why: 'zero amount',
    field: 'requestedFen',
  }),
  ...on(
    'POST /api/applications',
    {
      payload: { programId: ID, householdId: ID, requestedFen: 100, reason: '生活困难', paid: true },
      why: 'unknown field',
    },
    {
      payload: {
        programId: ID,
        householdId: ID,
        requestedFen: 100,
        reason: '生活困难',
        documents: [{ name: '申请表', fileId: 'x' }],
      },
      why: 'malformed file id',
    },
  ),
  ...on('POST /api/applications/{id}/resubmit', {
    payload: { schoolLevel: 'kindergarten' },
    why: 'unknown school level',
    field: 'schoolLevel',
  }),
  ...on('POST /api/applications/{id}/approve', {
    payload: { amountFen: '100' },
    why: 'amount as string',
    field: 'amountFen',
  }),
  ...on('POST /api/applications/{id}/return', {
    payload: { reason: '' },
    why: 'empty reason',
    field: 'reason',
  }),
  ...on('POST /api/applications/{id}/reject', { payload: {}, why: 'missing reason', field: 'reason' }),
  // ——— issue 6 web helper: edits, withdrawal, batch approval ———
  ...on('PATCH /api/funds/{id}', {
    payload: { receivedFen: 12.5 },
    why: 'fractional fen',
    field: 'receivedFen',
  }),
  ...on('PATCH /api/programs/{id}', {
    payload: { reviewChain: ['township', 'grassroots'] },
    why: 'chain out of order',
    field: 'reviewChain',
  }),
  ...on('POST /api/applications/{id}/withdraw', {
    payload: { reason: 'x' },
    why: 'reason too short',
    field: 'reason',
  }),
  ...on('POST /api/applications/batch-review', {
    payload: { action: 'approve', items: [{ id: ID }, { id: ID }] },
    why: 'duplicate ids',
    field: 'items',
  }),
  // ——— issue 6 publicity (公示) ———
  ...on('GET /api/programs/{id}/publicity', {
    query: 'status=draft',
    why: 'unknown status',
    field: 'status',
  }),
  ...on('GET /api/programs/{id}/publicity/candidates', malformedId('123')),
  ...on(
    'POST /api/programs/{id}/publicity',
    { payload: { startDate: '2026-02-30' }, why: 'impossible date', field: 'startDate' },
    {
      payload: { startDate: '2026-03-10', endDate: '2026-03-01' },
      why: 'end before start',
      field: 'endDate',
    },
  ),
  ...on(
    'GET /api/publicity',
    { query: 'objections=open', why: 'unknown objection filter', field: 'objections' },
    { query: 'pageSize=500', why: 'page too large', field: 'pageSize' },
  ),
  ...on('GET /api/publicity/{id}', malformedId('123')),
  ...on('POST /api/publicity/{id}/withdraw', {
    payload: { reason: '撤' },
    why: 'reason too short',
    field: 'reason',
  }),
  ...on('POST /api/publicity/{id}/objections', {
    payload: { channel: 'wechat', content: '反映情况' },
    why: 'unknown channel',
    field: 'channel',
  }),
  ...on('POST /api/publicity/{id}/objections/{objectionId}/resolve', {
    payload: { decision: 'dismissed', outcome: 'rejected', note: '经核实不成立' },
    why: 'outcome on a dismissal',
    field: 'outcome',
  }),
  ...on(
    'POST /api/publicity/{id}/objections/{objectionId}/reveal-contact',
    malformedId('123', 'objectionId'),
  ),
  ...on('GET /api/public/publicity/{token}', {
    params: { token: 'abc' },
    why: 'malformed token',
    field: 'token',
  }),
  // ——— issue 6 payment batches (发放), statistics and the aid ledger ———
  ...on('GET /api/disbursements', { query: 'status=sent', why: 'unknown status', field: 'status' }),
  ...on('GET /api/disbursements/candidates', { why: 'missing program', field: 'programId' }),
  ...on('GET /api/disbursements/{id}', malformedId('42')),
  ...on(
    'GET /api/disbursements/{id}/lines',
    { query: 'pageSize=5000', why: 'page too large', field: 'pageSize' },
    { query: 'q=%00', why: 'U+0000, which PostgreSQL refuses', field: 'q' },
  ),
  ...on(
    'POST /api/disbursements',
    {
      payload: { programId: ID, kind: 'goods', applicationIds: [ID] },
      why: 'goods without item and unit value',
      field: 'itemName',
    },
    {
      payload: { programId: ID, kind: 'cash', applicationIds: [ID, ID] },
      why: 'the same application twice',
      field: 'applicationIds',
    },
    { payload: { programId: ID, kind: 'cash', applicationIds: [], amountFen: 1 }, why: 'unknown field' },
  ),
  ...on('POST /api/disbursements/{id}/issue', {
    params: { id: 'x' },
    payload: {},
    why: 'malformed id',
    field: 'id',
  }),
  ...on('POST /api/disbursements/{id}/cancel', {
    payload: { reason: '' },
    why: 'empty reason',
    field: 'reason',
  }),
  ...on(
    'POST /api/disbursements/{id}/confirm',
    { payload: { result: 'failed', lineIds: [ID] }, why: 'failure without a reason', field: 'reason' },
    { payload: { result: 'paid' }, why: 'neither lines nor allPending', field: 'lineIds' },
  ),
  ...on('POST /api/disbursements/{id}/rebatch', {
    payload: { title: 'x' },
    why: 'title too short',
    field: 'title',
  }),
  ...on('POST /api/disbursements/{id}/register', {
    payload: { format: 'pdf' },
    why: 'unknown format',
    field: 'format',
  }),
  ...on('GET /api/programs/{id}/statistics', malformedId('7')),
  ...on('GET /api/aid/statistics', { query: 'year=twenty', why: 'year not a number', field: 'year' }),
  ...on('GET /api/households/{id}/aid-ledger', malformedId('abc')),
];

/** Operations that take no input at all (nothing to get wrong but the method). */
const NO_INPUT = new Set([
  'GET /api/health',
  'POST /api/auth/logout',
  'GET /api/auth/me',
  'GET /api/audit/verify',
  'GET /api/jobs',
  'GET /api/policies/regions',
  'GET /api/dashboard',
  'GET /api/dashboard/todos',
]);

describe('bad input on every endpoint', () => {
  it.each(cases.map((c) => [`${c.method} ${c.url} — ${c.why}`, c] as const))('%s → 400', async (_name, c) => {
    const res = await admin.request({
      method: c.method,
      url: c.url,
      payload: c.payload as object,
    });
    expect(res.statusCode, res.body).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(typeof error.messageEn).toBe('string');
    if (c.field) expect(error.details.map((d: { path: string }) => d.path)).toContain(c.field);
    // Each problem in Chinese (what users read) and in English, for the English interface.
    for (const d of error.details as { message: string; messageEn: string }[]) {
      expect(d.message).not.toBe('');
      expect(d.messageEn, d.message).toMatch(/^[\x20-\x7e\u2013\u2018\u2019\u201c\u201d]+$/);
    }
  });

  it('words a problem in English with the variant its schema records, else as zod words it', async () => {
    const res = await admin.request({
      method: 'POST',
      url: '/api/households',
      payload: { name: '', phone: '12', bankAccount: 'x', members: [], incomes: [], expenditures: [] },
    });
    expect(res.statusCode, res.body).toBe(400);
    const details = res.json().error.details as { path: string; message: string; messageEn: string }[];
    expect(details).toEqual(
      expect.arrayContaining([
        { path: 'name', message: '请填写姓名', messageEn: 'Enter the name', in: 'body' },
        {
          path: 'bankAccount',
          message: '银行账号应为 8–30 位数字',
          messageEn: 'A bank account number has 8 to 30 digits',
          in: 'body',
        },
      ]),
    );
    // A field the body lacks: zod's own check, worded by zod (without the value, which it no longer has).
    const employer = details.find((d) => d.path === 'employerOrgId');
    expect(employer).toMatchObject({ messageEn: 'Invalid input: expected string' });
    expect(employer!.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('a body that is not JSON is refused with the same shape', async () => {
    const res = await admin.request({
      method: 'POST',
      url: '/api/orgs',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "未闭合',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'BAD_REQUEST',
      message: '请求格式不正确：JSON 格式错误',
      messageEn: 'Malformed request: the JSON is not well-formed',
    });
  });

  it('U+0000 in a field without its own check is refused as a bad request, not a failure (500)', async () => {
    const res = await admin.request({
      method: 'POST',
      url: '/api/orgs',
      payload: { name: '新单位\u0000', level: 'district', parentId: t.rootOrgId, regionCode: '330102' },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'BAD_REQUEST',
      message: '请求格式不正确：文字中含有空字符（U+0000），请删除后重试',
      messageEn: 'Malformed request: the text contains a null character (U+0000); remove it and retry',
    });
  });

  it('an upload that is not multipart is refused', async () => {
    const res = await admin.request({ method: 'POST', url: '/api/files', payload: { file: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toHaveProperty('code');
  });

  it('nothing was written by any of the refused requests', async () => {
    const after = (await admin.request({ method: 'GET', url: '/api/orgs?flat=true' })).json().items.length;
    expect(after).toBe(orgCountBefore);
    const users = (await admin.request({ method: 'GET', url: '/api/users' })).json();
    expect(users.total).toBe(userCountBefore);
  });

  it('covers every operation of the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const covered = new Set([...cases.map((c) => `${c.method} ${c.path}`), ...NO_INPUT, 'POST /api/files']);
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.length).toBeGreaterThan(20);
    expect(operations.filter((op) => !covered.has(op))).toEqual([]);
  });
});

/** Operations anyone may call: their bad input is still refused as such. */
const PUBLIC = new Set(['POST /api/auth/login', 'GET /api/public/publicity/{token}']);
/** Operations of any signed-in user (their own session and password): no permission to lack. */
const ANY_SIGNED_IN = new Set(['POST /api/auth/password', 'POST /api/auth/logout', 'GET /api/auth/me']);

describe('who is calling is checked before what they send', () => {
  const anonymous = cases.filter((c) => !PUBLIC.has(`${c.method} ${c.path}`));
  it.each(anonymous.map((c) => [`${c.method} ${c.url} — ${c.why}`, c] as const))(
    'without credentials %s → 401',
    async (_name, c) => {
      const res = await t.app.inject({ method: c.method, url: c.url, payload: c.payload as object });
      expect(res.statusCode, res.body).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    },
  );

  it.each(
    anonymous
      .filter((c) => !ANY_SIGNED_IN.has(`${c.method} ${c.path}`))
      .map((c) => [`${c.method} ${c.url} — ${c.why}`, c] as const),
  )('by a user whose roles do not allow it %s → 403', async (_name, c) => {
    const res = await member.request({ method: c.method, url: c.url, payload: c.payload as object });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it('an empty household to an anonymous caller is 401, an annual review by a reviewer (no household.write) 403', async () => {
    const anonymousCreate = await t.app.inject({ method: 'POST', url: '/api/households', payload: {} });
    expect(anonymousCreate.statusCode, anonymousCreate.body).toBe(401);
    expect(anonymousCreate.json().error.details).toBeUndefined();
    const reviewer = await t.loginNewUser(t.rootOrgId, ['reviewer']);
    const review = await reviewer.request({
      method: 'POST',
      url: `/api/households/${ID}/annual-review`,
      payload: {},
    });
    expect(review.statusCode, review.body).toBe(403);
    expect(review.json().error.code).toBe('FORBIDDEN');
    // An expired or unknown session says so before the input is looked at, too.
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/households',
      headers: { authorization: 'Bearer not-a-session' },
      payload: {},
    });
    expect(unknown.statusCode).toBe(401);
  });

  it('a cookie session without its CSRF token is refused before its input', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'Admin@12345' },
    });
    const cookie = login.cookies.find((c) => c.name === 'bangfu_session')!;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/households',
      cookies: { bangfu_session: cookie.value },
      payload: {},
    });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().error.code).toBe('CSRF_FAILED');
  });
});

describe('unknown routes', () => {
  it('answer 404 in the error shape', async () => {
    const res = await admin.request({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('ROUTE_NOT_FOUND');
  });
});
