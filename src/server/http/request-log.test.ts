import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { ADMIN_PASSWORD, createTestContext, type Session, type TestContext } from '../testing/harness';
import { maskedUrl } from './request-log';
import type { App } from './types';

let t: TestContext;
let admin: Session;
let app: App;
const lines: string[] = [];

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.login('admin', ADMIN_PASSWORD);
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  app = await buildApp(t.deps, { logger: pino({ level: 'info' }, sink), serveWeb: false });
  // Two queries that fail with what a user typed among their values (sent in the body, which the request
  // log leaves out): a search, a note.
  app.post('/test/search-fails', async (request) => {
    const { q } = request.body as { q: string };
    await t.deps.db.execute(sql`select ${q}::int`);
  });
  app.post('/test/insert-fails', async (request) => {
    const { note } = request.body as { note: string };
    const id = '00000000-0000-4000-8000-000000000001';
    await t.deps.db.execute(
      sql`insert into household_not_duplicates (household_a, household_b, note, decided_by) values (${id}, ${id}, ${note}, ${id})`,
    );
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('request log', () => {
  it('logs a search by ID number or phone with the number masked, and the usual request fields', async () => {
    const idNumber = '11010519491231002X';
    const res = await app.inject({
      method: 'GET',
      url: `/api/households?q=${idNumber}&page=1`,
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(res.statusCode, res.body).toBe(200);
    await app.inject({
      method: 'GET',
      url: '/api/households?q=13812341234',
      headers: { authorization: `Bearer ${admin.token}` },
    });

    const logged = lines.join('\n');
    expect(logged).not.toContain(idNumber);
    expect(logged).not.toContain('13812341234');
    const incoming = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'incoming request');
    expect(incoming.map((l) => l.req.url)).toEqual([
      '/api/households?q=110*************2X&page=1',
      '/api/households?q=138******34',
    ]);
    expect(incoming[0].req).toMatchObject({
      method: 'GET',
      host: 'localhost:80',
      remoteAddress: '127.0.0.1',
    });
  });

  it('logs a failed query (500) by what failed, without its values', async () => {
    const search = await app.inject({
      method: 'POST',
      url: '/test/search-fails',
      payload: { q: '张秘密 13812341234' },
    });
    const insert = await app.inject({
      method: 'POST',
      url: '/test/insert-fails',
      payload: { note: '张秘密' },
    });
    for (const res of [search, insert]) {
      expect(res.statusCode).toBe(500);
      expect(res.json().error.code).toBe('INTERNAL');
    }
    const logged = lines.join('\n');
    expect(logged).not.toContain('13812341234');
    expect(logged).not.toContain('张秘密');
    const failures = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'unhandled error');
    expect(failures.map((l) => l.err)).toEqual([
      expect.objectContaining({
        code: '22P02',
        message: 'invalid input syntax for type integer: "…"',
        query: 'select $1::int',
        stack: expect.stringMatching(/^DatabaseError: invalid input syntax for type integer: "…"\n\s+at /),
      }),
      expect.objectContaining({
        code: '23514',
        table: 'household_not_duplicates',
        constraint: 'household_not_duplicates_order_check',
        message: expect.stringContaining('violates check constraint'),
      }),
    ]);
    for (const { err } of failures) {
      expect(err).not.toHaveProperty('params');
      expect(err).not.toHaveProperty('detail');
    }
  });

  it('masks only the query: paths (ids) stay as they are', () => {
    expect(maskedUrl('/api/households/01890f3c-1234567890ab?x=1234567')).toBe(
      '/api/households/01890f3c-1234567890ab?x=123**67',
    );
    expect(maskedUrl('/api/health')).toBe('/api/health');
  });

  it('decodes the query before masking: percent-encoded full-width digits and spaces are caught', () => {
    const fullWidth = encodeURIComponent('１３８１２３４１２３４');
    expect(maskedUrl(`/api/households?q=${fullWidth}&page=1`)).toBe('/api/households?q=138******34&page=1');
    expect(maskedUrl(`/api/households?q=${encodeURIComponent('138　1234　1234')}`)).toBe(
      '/api/households?q=138 **** **34',
    );
    expect(maskedUrl('/api/households?q=%E0%A4%A&x=13812341234')).toBe(
      '/api/households?q=%E0%A4%A&x=138******34',
    );
  });
});
