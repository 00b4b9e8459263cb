import { jsonSchemaTransformObject } from 'fastify-type-provider-zod';

type TransformObject = typeof jsonSchemaTransformObject;

interface JsonSchema {
  type?: unknown;
  anyOf?: JsonSchema[];
}

interface RequestBody {
  required?: boolean;
  content?: Record<string, { schema?: JsonSchema }>;
}

/**
 * The OpenAPI document as `fastify-type-provider-zod` writes it, with one correction: a body that may be
 * left out (its schema also accepts `null`, as approve, withdraw and confirm-exit do) is written as an
 * optional request body with its object schema, rather than a required body that may be JSON `null`.
 */
export const openApiTransformObject: TransformObject = (input) => {
  const doc = jsonSchemaTransformObject(input) as {
    paths?: Record<string, Record<string, { requestBody?: RequestBody }>>;
  };
  for (const operations of Object.values(doc.paths ?? {}))
    for (const operation of Object.values(operations)) {
      const body = operation.requestBody;
      const json = body?.content?.['application/json'];
      const branches = json?.schema?.anyOf;
      if (!body || !json || !branches?.some((b) => b.type === 'null')) continue;
      const rest = branches.filter((b) => b.type !== 'null');
      body.required = false;
      json.schema = rest.length === 1 ? rest[0] : { anyOf: rest };
    }
  return doc as ReturnType<TransformObject>;
};
