import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from './common/context';
import { CommonErrors } from './common/errors';
import { registerAuthHooks } from './http/auth-hooks';
import { registerErrorHandler } from './http/error-handler';
import { registerIdempotency } from './http/idempotency';
import { openApiTransformObject } from './http/openapi';
import { serializeRequest } from './http/request-log';
import type { App } from './http/types';
import { registerAidStatsRoutes } from './modules/aid-stats/aid-stats.routes';
import { registerApplicationRoutes } from './modules/applications/applications.routes';
import { registerAuditRoutes } from './modules/audit/audit.routes';
import { registerAuthRoutes } from './modules/auth/auth.routes';
import { registerDashboardRoutes } from './modules/dashboard/dashboard.routes';
import { registerDisbursementRoutes } from './modules/disbursements/disbursements.routes';
import { registerFileRoutes } from './modules/files/files.routes';
import { registerFundRoutes } from './modules/funds/funds.routes';
import { registerHealthRoutes } from './modules/health/health.routes';
import { registerHouseholdExcelRoutes } from './modules/households/households.excel.routes';
import { registerHouseholdReportRoutes } from './modules/households/households.report.routes';
import { registerHouseholdReviewDedupRoutes } from './modules/households/households.review-dedup.routes';
import { registerHouseholdRoutes } from './modules/households/households.routes';
import { registerJobRoutes } from './modules/jobs/jobs.routes';
import { registerOrgRoutes } from './modules/orgs/orgs.routes';
import { registerPolicyRoutes } from './modules/policies/policies.routes';
import { registerProgramRoutes } from './modules/programs/programs.routes';
import { registerPublicityRoutes } from './modules/publicity/publicity.routes';
import { registerUserRoutes } from './modules/users/users.routes';

// Validation messages in Chinese: users read them next to the form field.
z.config(z.locales.zhCN());

export interface BuildAppOptions {
  logger?: FastifyBaseLogger;
  /** Serve the built web app from `deps.config.webDir` (off in API tests). */
  serveWeb?: boolean;
}

/** Every module registers here. */
const MODULES = [
  registerHealthRoutes,
  registerAuthRoutes,
  registerOrgRoutes,
  registerUserRoutes,
  registerAuditRoutes,
  registerJobRoutes,
  registerFileRoutes,
  registerDashboardRoutes,
  registerPolicyRoutes,
  registerHouseholdRoutes,
  registerHouseholdReviewDedupRoutes,
  registerHouseholdExcelRoutes,
  registerHouseholdReportRoutes,
  registerFundRoutes,
  registerProgramRoutes,
  registerApplicationRoutes,
  registerPublicityRoutes,
  registerDisbursementRoutes,
  registerAidStatsRoutes,
];

export async function buildApp(deps: Deps, options: BuildAppOptions = {}): Promise<App> {
  // Request lines go through our `req` serializer: searches put ID numbers and phones in the query.
  const logger = options.logger?.child({}, { serializers: { req: serializeRequest } });
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: process.env.BANGFU_TRUST_PROXY === 'true',
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  // Response schemas document the API; replies are built from typed DTOs, so we skip re-validating them.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  registerErrorHandler(app);
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, {
    limits: { fileSize: deps.config.maxUploadBytes, files: 1, fields: 10 },
  });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => {
      const error = CommonErrors.RATE_LIMITED({}, { retryAfterSeconds: Math.ceil(context.ttl / 1000) });
      return Object.assign(error, { statusCode: 429 });
    },
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Bangfu 帮扶工作平台 API', version: deps.config.version },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'bangfu_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: openApiTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    if ((request.routeOptions.url ?? request.url).startsWith('/api/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
    return payload;
  });

  registerAuthHooks(app, deps);
  registerIdempotency(app, deps);
  for (const register of MODULES) register(app, deps);

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  const webDir = deps.config.webDir;
  const serveWeb = options.serveWeb !== false && existsSync(path.join(webDir, 'index.html'));
  if (serveWeb) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET') {
      return reply.status(404).send(CommonErrors.ROUTE_NOT_FOUND().toBody());
    }
    if (!serveWeb) {
      return reply
        .status(503)
        .type('text/html; charset=utf-8')
        .send('<h1>前端尚未构建</h1><p>请运行 <code>npm run build</code> 后刷新。</p>');
    }
    // The single-page app routes everything else.
    return reply
      .header(
        'content-security-policy',
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
      )
      .header('cache-control', 'no-cache')
      .sendFile('index.html');
  });

  return app;
}
