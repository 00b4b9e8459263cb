import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing/harness';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const SOME_ID = '00000000-0000-4000-8000-000000000000';

describe('a path spelled otherwise', () => {
  it('is checked like the route it reaches: /%61pi/… answers as /api/… does, for every operation', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const differences: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      const url = path.replace(/\{[^}]+\}/g, SOME_ID);
      for (const method of Object.keys(operations)) {
        const send = (u: string) =>
          t.app.inject({
            method: method.toUpperCase() as 'GET',
            url: u,
            ...(method === 'get' ? {} : { payload: {} }),
          });
        const plain = await send(url);
        const spelled = await send(url.replace(/^\/api\//, '/%61pi/'));
        if (spelled.statusCode !== plain.statusCode)
          differences.push(`${method.toUpperCase()} ${path}: ${plain.statusCode} → ${spelled.statusCode}`);
      }
    }
    expect(differences).toEqual([]);
  });

  it('a stranger cannot verify the audit chain by encoding the path', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/%61pi/audit/verify' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });
});
