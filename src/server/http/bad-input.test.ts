import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../testing/harness';

/**
 * Bad input on every endpoint answers 400 with the one error shape and loses nothing.
 * The last test checks that this table covers every operation in the OpenAPI document.
 */
let t: TestContext;
let admin: Session;
let orgCountBefore: number;

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.login('admin', 'Admin@12345');
  orgCountBefore = (await admin.request({ method: 'GET', url: '/api/orgs?flat=true' })).json().items.length;
});
afterAll(() => t.close());

const ID = '00000000-0000-4000-8000-000000000000';
const long = (n: number) => '长'.repeat(n);

interface Case {
  method: 'GET' | 'POST' | 'PATCH';
  /** OpenAPI path, e.g. /api/orgs/{id} */
  path: string;
  url?: string;
  payload?: unknown;
  why: string;
  /** The field the error must point at, when there is one. */
  field?: string;
}

const cases: Case[] = [
  {
    method: 'POST',
    path: '/api/auth/login',
    payload: { username: 1, password: 'x' },
    why: 'wrong type',
    field: 'username',
  },
  {
    method: 'POST',
    path: '/api/auth/login',
    payload: { username: 'a', password: 'b', remember: true },
    why: 'unknown field',
  },
  {
    method: 'POST',
    path: '/api/auth/login',
    payload: { username: 'a'.repeat(51), password: 'b' },
    why: 'oversize',
    field: 'username',
  },
  {
    method: 'POST',
    path: '/api/auth/password',
    payload: { currentPassword: 5, newPassword: 'x' },
    why: 'wrong type',
    field: 'currentPassword',
  },
  {
    method: 'POST',
    path: '/api/auth/password',
    payload: { currentPassword: 'a', newPassword: 'b', confirm: 'b' },
    why: 'unknown field',
  },
  { method: 'GET', path: '/api/orgs', url: '/api/orgs?flat=maybe', why: 'wrong type', field: 'flat' },
  { method: 'GET', path: '/api/orgs', url: '/api/orgs?sort=name', why: 'unknown parameter' },
  { method: 'GET', path: '/api/orgs/{id}', url: '/api/orgs/123', why: 'malformed id', field: 'id' },
  {
    method: 'POST',
    path: '/api/orgs',
    payload: { name: '新单位', level: 'district', parentId: ID, regionCode: '990102' },
    why: 'invalid region code',
    field: 'regionCode',
  },
  {
    method: 'POST',
    path: '/api/orgs',
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
    method: 'POST',
    path: '/api/orgs',
    payload: { name: long(101), level: 'district', parentId: ID, regionCode: '330102' },
    why: 'oversize',
    field: 'name',
  },
  {
    method: 'POST',
    path: '/api/orgs',
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
    method: 'POST',
    path: '/api/orgs',
    payload: { name: '新单位', level: 'district', parentId: ID, regionCode: '330102', budget: 1 },
    why: 'unknown field',
  },
  {
    method: 'POST',
    path: '/api/orgs',
    payload: { name: '新单位', level: 'province', parentId: ID, regionCode: '330102' },
    why: 'unknown level',
    field: 'level',
  },
  {
    method: 'PATCH',
    path: '/api/orgs/{id}',
    url: `/api/orgs/${ID}`,
    payload: { regionCode: '12' },
    why: 'invalid region code',
    field: 'regionCode',
  },
  {
    method: 'PATCH',
    path: '/api/orgs/{id}',
    url: `/api/orgs/${ID}`,
    payload: { uscc: 'ABC' },
    why: 'invalid USCC',
    field: 'uscc',
  },
  {
    method: 'PATCH',
    path: '/api/orgs/{id}',
    url: `/api/orgs/${ID}`,
    payload: { parentId: ID },
    why: 'not editable here',
  },
  {
    method: 'PATCH',
    path: '/api/orgs/{id}',
    url: `/api/orgs/${ID}`,
    payload: { contactPhone: '12345' },
    why: 'invalid phone',
    field: 'contactPhone',
  },
  {
    method: 'POST',
    path: '/api/orgs/{id}/move',
    url: `/api/orgs/${ID}/move`,
    payload: { parentId: 'root' },
    why: 'malformed id',
    field: 'parentId',
  },
  {
    method: 'POST',
    path: '/api/orgs/{id}/move',
    url: `/api/orgs/${ID}/move`,
    payload: {},
    why: 'missing field',
    field: 'parentId',
  },
  {
    method: 'POST',
    path: '/api/orgs/{id}/deactivate',
    url: '/api/orgs/x/deactivate',
    why: 'malformed id',
    field: 'id',
  },
  {
    method: 'POST',
    path: '/api/orgs/{id}/activate',
    url: '/api/orgs/x/activate',
    why: 'malformed id',
    field: 'id',
  },
  { method: 'GET', path: '/api/users', url: '/api/users?page=0', why: 'out of range', field: 'page' },
  {
    method: 'GET',
    path: '/api/users',
    url: '/api/users?pageSize=1000',
    why: 'out of range',
    field: 'pageSize',
  },
  { method: 'GET', path: '/api/users', url: '/api/users?role=king', why: 'unknown role', field: 'role' },
  {
    method: 'GET',
    path: '/api/users',
    url: `/api/users?q=${encodeURIComponent(long(51))}`,
    why: 'oversize',
    field: 'q',
  },
  { method: 'GET', path: '/api/users/{id}', url: '/api/users/admin', why: 'malformed id', field: 'id' },
  {
    method: 'POST',
    path: '/api/users/export',
    payload: { role: 'king' },
    why: 'unknown role',
    field: 'role',
  },
  {
    method: 'POST',
    path: '/api/users/export',
    payload: { active: 'yes' },
    why: 'wrong type',
    field: 'active',
  },
  { method: 'POST', path: '/api/users/export', payload: { format: 'csv' }, why: 'unknown field' },
  {
    method: 'POST',
    path: '/api/users',
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
    method: 'POST',
    path: '/api/users',
    payload: { username: 'zhangsan', displayName: '张三', orgId: ID, roles: [], password: 'Good@2026' },
    why: 'no role',
    field: 'roles',
  },
  {
    method: 'POST',
    path: '/api/users',
    payload: { username: 'zhangsan', displayName: '张三', orgId: ID, roles: ['king'], password: 'Good@2026' },
    why: 'unknown role',
    field: 'roles.0',
  },
  {
    method: 'POST',
    path: '/api/users',
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
    method: 'POST',
    path: '/api/users',
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
  {
    method: 'PATCH',
    path: '/api/users/{id}',
    url: `/api/users/${ID}`,
    payload: { active: 'yes' },
    why: 'wrong type',
    field: 'active',
  },
  {
    method: 'PATCH',
    path: '/api/users/{id}',
    url: `/api/users/${ID}`,
    payload: { passwordHash: 'x' },
    why: 'unknown field',
  },
  {
    method: 'POST',
    path: '/api/users/{id}/reset-password',
    url: `/api/users/${ID}/reset-password`,
    payload: { newPassword: 123 },
    why: 'wrong type',
    field: 'newPassword',
  },
  {
    method: 'POST',
    path: '/api/users/{id}/reset-password',
    url: `/api/users/${ID}/reset-password`,
    payload: { newPassword: 'A'.repeat(65) },
    why: 'oversize',
    field: 'newPassword',
  },
  {
    method: 'POST',
    path: '/api/users/{id}/unlock',
    url: '/api/users/1/unlock',
    why: 'malformed id',
    field: 'id',
  },
  { method: 'GET', path: '/api/audit', url: '/api/audit?page=-1', why: 'out of range', field: 'page' },
  { method: 'GET', path: '/api/audit', url: '/api/audit?from=yesterday', why: 'not a date', field: 'from' },
  {
    method: 'GET',
    path: '/api/audit',
    url: `/api/audit?entity=${'e'.repeat(41)}`,
    why: 'oversize',
    field: 'entity',
  },
  { method: 'GET', path: '/api/jobs/{id}', url: '/api/jobs/42', why: 'malformed id', field: 'id' },
  { method: 'GET', path: '/api/files/{id}', url: '/api/files/42', why: 'malformed id', field: 'id' },
  {
    method: 'GET',
    path: '/api/files/{id}/content',
    url: '/api/files/42/content',
    why: 'malformed id',
    field: 'id',
  },
  {
    method: 'GET',
    path: '/api/policies',
    url: '/api/policies?regionCode=33a1',
    why: 'not digits',
    field: 'regionCode',
  },
  {
    method: 'GET',
    path: '/api/policies/in-force',
    url: '/api/policies/in-force?regionCode=330102&date=2026-13-01',
    why: 'not a date',
    field: 'date',
  },
  { method: 'GET', path: '/api/policies/{id}', url: '/api/policies/1', why: 'malformed id', field: 'id' },
  {
    method: 'POST',
    path: '/api/policies',
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
    method: 'POST',
    path: '/api/policies',
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
  {
    method: 'GET',
    path: '/api/households',
    url: '/api/households?category=poor',
    why: 'unknown category',
    field: 'category',
  },
  {
    method: 'GET',
    path: '/api/households',
    url: '/api/households?reviewDueBefore=soon',
    why: 'not a date',
    field: 'reviewDueBefore',
  },
  {
    method: 'GET',
    path: '/api/households/stats',
    url: '/api/households/stats?cause=bad_luck',
    why: 'unknown cause',
    field: 'cause',
  },
  { method: 'GET', path: '/api/households/{id}', url: '/api/households/7', why: 'malformed id', field: 'id' },
  {
    method: 'GET',
    path: '/api/households/{id}/decisions',
    url: '/api/households/7/decisions',
    why: 'malformed id',
    field: 'id',
  },
  {
    method: 'POST',
    path: '/api/households',
    payload: { employerOrgId: ID, name: '张三', idNumber: '110105194912310021' },
    why: 'bad ID check digit',
    field: 'idNumber',
  },
  {
    method: 'POST',
    path: '/api/households',
    payload: {
      employerOrgId: ID,
      name: '张三',
      idNumber: '11010519491231002X',
      incomes: [{ kind: 'wages', annualFen: -100 }],
    },
    why: 'negative income',
    field: 'incomes.0.annualFen',
  },
  {
    method: 'PATCH',
    path: '/api/households/{id}',
    url: `/api/households/${ID}`,
    payload: { status: 'archived' },
    why: 'not editable here',
  },
  {
    method: 'PATCH',
    path: '/api/households/{id}',
    url: `/api/households/${ID}`,
    payload: { causes: ['bad_luck'] },
    why: 'unknown cause',
    field: 'causes.0',
  },
  {
    method: 'POST',
    path: '/api/households/{id}/submit',
    url: '/api/households/x/submit',
    why: 'malformed id',
    field: 'id',
  },
  {
    method: 'POST',
    path: '/api/households/{id}/withdraw',
    url: `/api/households/${ID}/withdraw`,
    payload: { reason: long(501) },
    why: 'oversize',
    field: 'reason',
  },
  {
    method: 'POST',
    path: '/api/households/{id}/approve',
    url: `/api/households/${ID}/approve`,
    payload: { comment: 1 },
    why: 'wrong type',
    field: 'comment',
  },
  {
    method: 'POST',
    path: '/api/households/{id}/return',
    url: `/api/households/${ID}/return`,
    payload: {},
    why: 'missing reason',
    field: 'reason',
  },
  {
    method: 'POST',
    path: '/api/households/{id}/reject',
    url: `/api/households/${ID}/reject`,
    payload: { reason: '不符合', level: 'city' },
    why: 'unknown field',
  },
  {
    method: 'POST',
    path: '/api/households/{id}/reveal',
    url: `/api/households/${ID}/reveal`,
    payload: { field: 'password' },
    why: 'unknown field name',
    field: 'field',
  },
  {
    method: 'GET',
    path: '/api/households/{id}/income-records',
    url: '/api/households/7/income-records',
    why: 'malformed id',
    field: 'id',
  },
  {
    method: 'POST',
    path: '/api/households/{id}/income-records',
    url: `/api/households/${ID}/income-records`,
    payload: { month: '2026-13', incomeFen: 100 },
    why: 'not a month',
    field: 'month',
  },
  {
    method: 'POST',
    path: '/api/households/{id}/propose-exit',
    url: `/api/households/${ID}/propose-exit`,
    payload: { reason: '' },
    why: 'empty reason',
    field: 'reason',
  },
  {
    method: 'POST',
    path: '/api/households/{id}/confirm-exit',
    url: `/api/households/${ID}/confirm-exit`,
    payload: { comment: long(501) },
    why: 'oversize',
    field: 'comment',
  },
  {
    method: 'POST',
    path: '/api/households/{id}/decline-exit',
    url: `/api/households/${ID}/decline-exit`,
    payload: { reason: 5 },
    why: 'wrong type',
    field: 'reason',
  },
  {
    method: 'POST',
    path: '/api/households/{id}/relapse',
    url: `/api/households/${ID}/relapse`,
    payload: { reason: '再次失业', status: 'archived' },
    why: 'unknown field',
  },
  {
    method: 'GET',
    path: '/api/households/import/template',
    url: '/api/households/import/template?format=xls',
    why: 'unknown parameter',
  },
  {
    method: 'POST',
    path: '/api/households/import',
    payload: { mode: 'valid_rows', file: 'households.xlsx' },
    why: 'not multipart',
    field: 'file',
  },
  {
    method: 'POST',
    path: '/api/households/export',
    payload: { unmasked: 'yes' },
    why: 'wrong type',
    field: 'unmasked',
  },
  {
    method: 'POST',
    path: '/api/households/export',
    payload: { status: 'lost' },
    why: 'unknown status',
    field: 'status',
  },
  { method: 'POST', path: '/api/households/export', payload: { format: 'csv' }, why: 'unknown field' },
  {
    method: 'GET',
    path: '/api/households/duplicates',
    url: '/api/households/duplicates?page=0',
    why: 'out of range',
    field: 'page',
  },
  {
    method: 'GET',
    path: '/api/households/{id}/duplicates',
    url: '/api/households/7/duplicates',
    why: 'malformed id',
    field: 'id',
  },
  {
    method: 'POST',
    path: '/api/households/{id}/not-duplicate',
    url: `/api/households/${ID}/not-duplicate`,
    payload: { otherId: 'x' },
    why: 'malformed id',
    field: 'otherId',
  },
  {
    method: 'GET',
    path: '/api/households/annual-review/due',
    url: '/api/households/annual-review/due?before=soon',
    why: 'not a date',
    field: 'before',
  },
  {
    method: 'POST',
    path: '/api/households/{id}/annual-review',
    url: `/api/households/${ID}/annual-review`,
    payload: { outcome: 'skip', note: '核实' },
    why: 'unknown outcome',
    field: 'outcome',
  },
  {
    method: 'POST',
    path: '/api/households/annual-review/samples',
    payload: { year: 2026, orgId: ID, ratio: 0.2 },
    why: 'ratio under 30 %',
    field: 'ratio',
  },
  {
    method: 'GET',
    path: '/api/households/annual-review/samples',
    url: '/api/households/annual-review/samples?year=last',
    why: 'not a year',
    field: 'year',
  },
  {
    method: 'GET',
    path: '/api/households/annual-review/samples/{id}',
    url: '/api/households/annual-review/samples/7',
    why: 'malformed id',
    field: 'id',
  },
  {
    method: 'POST',
    path: '/api/households/annual-review/samples/{id}/items/{householdId}/finding',
    url: `/api/households/annual-review/samples/${ID}/items/${ID}/finding`,
    payload: { result: 'maybe', note: '核实' },
    why: 'unknown result',
    field: 'result',
  },
  // ——— funds, programs, applications (issue 6) ———
  { method: 'GET', path: '/api/funds', url: '/api/funds?year=abc', why: 'wrong type', field: 'year' },
  { method: 'GET', path: '/api/funds/{id}', url: '/api/funds/123', why: 'malformed id', field: 'id' },
  {
    method: 'POST',
    path: '/api/funds',
    payload: { orgId: ID, name: '区政府拨款', kind: 'government', year: 2026, receivedFen: 12.5 },
    why: 'fractional fen',
    field: 'receivedFen',
  },
  {
    method: 'POST',
    path: '/api/funds',
    payload: { orgId: ID, name: '区政府拨款', kind: 'lottery', year: 2026, receivedFen: 100 },
    why: 'unknown kind',
    field: 'kind',
  },
  {
    method: 'GET',
    path: '/api/programs',
    url: '/api/programs?type=gift',
    why: 'unknown type',
    field: 'type',
  },
  { method: 'GET', path: '/api/programs/{id}', url: '/api/programs/123', why: 'malformed id', field: 'id' },
  {
    method: 'POST',
    path: '/api/programs',
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
    method: 'POST',
    path: '/api/programs',
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
  {
    method: 'POST',
    path: '/api/programs/{id}/allocations',
    url: `/api/programs/${ID}/allocations`,
    payload: { sourceId: ID, amountFen: -5 },
    why: 'negative amount',
    field: 'amountFen',
  },
  {
    method: 'POST',
    path: '/api/programs/{id}/allocations/return',
    url: `/api/programs/${ID}/allocations/return`,
    payload: { sourceId: ID, amountFen: 100 },
    why: 'return without a reason',
    field: 'reason',
  },
  {
    method: 'GET',
    path: '/api/applications',
    url: '/api/applications?status=paid',
    why: 'unknown status',
    field: 'status',
  },
  {
    method: 'GET',
    path: '/api/applications/{id}',
    url: '/api/applications/123',
    why: 'malformed id',
    field: 'id',
  },
  {
    method: 'GET',
    path: '/api/applications/{id}/eligibility',
    url: '/api/applications/abc/eligibility',
    why: 'malformed id',
    field: 'id',
  },
  {
    method: 'POST',
    path: '/api/applications/check',
    payload: { programId: ID, householdId: ID, requestedFen: 0, reason: '生活困难' },
    why: 'zero amount',
    field: 'requestedFen',
  },
  {
    method: 'POST',
    path: '/api/applications',
    payload: { programId: ID, householdId: ID, requestedFen: 100, reason: '生活困难', paid: true },
    why: 'unknown field',
  },
  {
    method: 'POST',
    path: '/api/applications',
    payload: {
      programId: ID,
      householdId: ID,
      requestedFen: 100,
      reason: '生活困难',
      documents: [{ name: '申请表', fileId: 'x' }],
    },
    why: 'malformed file id',
  },
  {
    method: 'POST',
    path: '/api/applications/{id}/resubmit',
    url: `/api/applications/${ID}/resubmit`,
    payload: { schoolLevel: 'kindergarten' },
    why: 'unknown school level',
    field: 'schoolLevel',
  },
  {
    method: 'POST',
    path: '/api/applications/{id}/approve',
    url: `/api/applications/${ID}/approve`,
    payload: { amountFen: '100' },
    why: 'amount as string',
    field: 'amountFen',
  },
  {
    method: 'POST',
    path: '/api/applications/{id}/return',
    url: `/api/applications/${ID}/return`,
    payload: { reason: '' },
    why: 'empty reason',
    field: 'reason',
  },
  {
    method: 'POST',
    path: '/api/applications/{id}/reject',
    url: `/api/applications/${ID}/reject`,
    payload: {},
    why: 'missing reason',
    field: 'reason',
  },
  // ——— issue 6 web helper: edits, withdrawal, batch approval ———
  {
    method: 'PATCH',
    path: '/api/funds/{id}',
    url: `/api/funds/${ID}`,
    payload: { receivedFen: 12.5 },
    why: 'fractional fen',
    field: 'receivedFen',
  },
  {
    method: 'PATCH',
    path: '/api/programs/{id}',
    url: `/api/programs/${ID}`,
    payload: { reviewChain: ['township', 'grassroots'] },
    why: 'chain out of order',
    field: 'reviewChain',
  },
  {
    method: 'POST',
    path: '/api/applications/{id}/withdraw',
    url: `/api/applications/${ID}/withdraw`,
    payload: { reason: 'x' },
    why: 'reason too short',
    field: 'reason',
  },
  {
    method: 'POST',
    path: '/api/applications/batch-review',
    payload: { action: 'approve', items: [{ id: ID }, { id: ID }] },
    why: 'duplicate ids',
    field: 'items',
  },
  // ——— issue 6 publicity (公示) ———
  {
    method: 'GET',
    path: '/api/programs/{id}/publicity',
    url: `/api/programs/${ID}/publicity?status=draft`,
    why: 'unknown status',
    field: 'status',
  },
  {
    method: 'GET',
    path: '/api/programs/{id}/publicity/candidates',
    url: '/api/programs/123/publicity/candidates',
    why: 'malformed id',
    field: 'id',
  },
  {
    method: 'POST',
    path: '/api/programs/{id}/publicity',
    url: `/api/programs/${ID}/publicity`,
    payload: { startDate: '2026-02-30' },
    why: 'impossible date',
    field: 'startDate',
  },
  {
    method: 'POST',
    path: '/api/programs/{id}/publicity',
    url: `/api/programs/${ID}/publicity`,
    payload: { startDate: '2026-03-10', endDate: '2026-03-01' },
    why: 'end before start',
    field: 'endDate',
  },
  { method: 'GET', path: '/api/publicity/{id}', url: '/api/publicity/123', why: 'malformed id', field: 'id' },
  {
    method: 'POST',
    path: '/api/publicity/{id}/withdraw',
    url: `/api/publicity/${ID}/withdraw`,
    payload: { reason: '撤' },
    why: 'reason too short',
    field: 'reason',
  },
  {
    method: 'POST',
    path: '/api/publicity/{id}/objections',
    url: `/api/publicity/${ID}/objections`,
    payload: { channel: 'wechat', content: '反映情况' },
    why: 'unknown channel',
    field: 'channel',
  },
  {
    method: 'POST',
    path: '/api/publicity/{id}/objections/{objectionId}/resolve',
    url: `/api/publicity/${ID}/objections/${ID}/resolve`,
    payload: { decision: 'dismissed', outcome: 'rejected', note: '经核实不成立' },
    why: 'outcome on a dismissal',
    field: 'outcome',
  },
  {
    method: 'POST',
    path: '/api/publicity/{id}/objections/{objectionId}/reveal-contact',
    url: `/api/publicity/${ID}/objections/123/reveal-contact`,
    why: 'malformed id',
    field: 'objectionId',
  },
  {
    method: 'GET',
    path: '/api/public/publicity/{token}',
    url: '/api/public/publicity/abc',
    why: 'malformed token',
    field: 'token',
  },
  // ——— issue 6 payment batches (发放), statistics and the aid ledger ———
  {
    method: 'GET',
    path: '/api/disbursements',
    url: '/api/disbursements?status=sent',
    why: 'unknown status',
    field: 'status',
  },
  {
    method: 'GET',
    path: '/api/disbursements/candidates',
    url: '/api/disbursements/candidates',
    why: 'missing program',
    field: 'programId',
  },
  {
    method: 'GET',
    path: '/api/disbursements/{id}',
    url: '/api/disbursements/42',
    why: 'malformed id',
    field: 'id',
  },
  {
    method: 'GET',
    path: '/api/disbursements/{id}/lines',
    url: `/api/disbursements/${ID}/lines?pageSize=5000`,
    why: 'page too large',
    field: 'pageSize',
  },
  {
    method: 'POST',
    path: '/api/disbursements',
    payload: { programId: ID, kind: 'goods', applicationIds: [ID] },
    why: 'goods without item and unit value',
    field: 'itemName',
  },
  {
    method: 'POST',
    path: '/api/disbursements',
    payload: { programId: ID, kind: 'cash', applicationIds: [ID, ID] },
    why: 'the same application twice',
    field: 'applicationIds',
  },
  {
    method: 'POST',
    path: '/api/disbursements',
    payload: { programId: ID, kind: 'cash', applicationIds: [], amountFen: 1 },
    why: 'unknown field',
  },
  {
    method: 'POST',
    path: '/api/disbursements/{id}/issue',
    url: '/api/disbursements/x/issue',
    payload: {},
    why: 'malformed id',
    field: 'id',
  },
  {
    method: 'POST',
    path: '/api/disbursements/{id}/cancel',
    url: `/api/disbursements/${ID}/cancel`,
    payload: { reason: '' },
    why: 'empty reason',
    field: 'reason',
  },
  {
    method: 'POST',
    path: '/api/disbursements/{id}/confirm',
    url: `/api/disbursements/${ID}/confirm`,
    payload: { result: 'failed', lineIds: [ID] },
    why: 'failure without a reason',
    field: 'reason',
  },
  {
    method: 'POST',
    path: '/api/disbursements/{id}/confirm',
    url: `/api/disbursements/${ID}/confirm`,
    payload: { result: 'paid' },
    why: 'neither lines nor allPending',
    field: 'lineIds',
  },
  {
    method: 'POST',
    path: '/api/disbursements/{id}/rebatch',
    url: `/api/disbursements/${ID}/rebatch`,
    payload: { title: 'x' },
    why: 'title too short',
    field: 'title',
  },
  {
    method: 'POST',
    path: '/api/disbursements/{id}/register',
    url: `/api/disbursements/${ID}/register`,
    payload: { format: 'pdf' },
    why: 'unknown format',
    field: 'format',
  },
  {
    method: 'GET',
    path: '/api/programs/{id}/statistics',
    url: '/api/programs/7/statistics',
    why: 'malformed id',
    field: 'id',
  },
  {
    method: 'GET',
    path: '/api/aid/statistics',
    url: '/api/aid/statistics?year=twenty',
    why: 'year not a number',
    field: 'year',
  },
  {
    method: 'GET',
    path: '/api/households/{id}/aid-ledger',
    url: '/api/households/abc/aid-ledger',
    why: 'malformed id',
    field: 'id',
  },
];

/** Operations that take no input at all (nothing to get wrong but the method). */
const NO_INPUT = new Set([
  'GET /api/health',
  'POST /api/auth/logout',
  'GET /api/auth/me',
  'GET /api/audit/verify',
  'GET /api/jobs',
  'GET /api/dashboard',
]);

describe('bad input on every endpoint', () => {
  it.each(cases.map((c) => [`${c.method} ${c.url ?? c.path} — ${c.why}`, c] as const))(
    '%s → 400',
    async (_name, c) => {
      const res = await admin.request({
        method: c.method,
        url: c.url ?? c.path,
        payload: c.payload as object,
      });
      expect(res.statusCode, res.body).toBe(400);
      const { error } = res.json();
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(typeof error.messageEn).toBe('string');
      if (c.field) expect(error.details.map((d: { path: string }) => d.path)).toContain(c.field);
    },
  );

  it('a body that is not JSON is refused with the same shape', async () => {
    const res = await admin.request({
      method: 'POST',
      url: '/api/orgs',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "未闭合',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
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
    expect(users.total).toBe(1);
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

describe('unknown routes', () => {
  it('answer 404 in the error shape', async () => {
    const res = await admin.request({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('ROUTE_NOT_FOUND');
  });
});
