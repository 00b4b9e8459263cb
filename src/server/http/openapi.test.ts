import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing/harness';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

interface Operation {
  requestBody?: { required?: boolean; content: Record<string, { schema: Record<string, unknown> }> };
}

describe('the OpenAPI document', () => {
  it('writes a body that may be left out as optional, with its object schema', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    for (const action of ['approve', 'withdraw', 'confirm-exit']) {
      const body = doc.paths[`/api/households/{id}/${action}`]!.post!.requestBody!;
      expect(body.required, action).toBe(false);
      expect(body.content['application/json']!.schema).toMatchObject({ type: 'object' });
    }
    // A body that must be sent stays required.
    expect(doc.paths['/api/households/{id}/reject']!.post!.requestBody!.required).toBe(true);
  });
});
