/**
 * The HTTP platform every module's routes run on: JSON under /api/v1, strict request validation
 * (unknown fields and wrong types are refused, never coerced in a body), RFC 9457 problems in the
 * caller's language, request ids, the OpenAPI 3.1 document and interactive docs.
 */
import crypto from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { AppError, toProblem, type FieldError } from '../errors.ts';
import { pickLanguage, typeNames, type Lang } from '../i18n.ts';
import { loggerOptions } from '../logger.ts';
import { installAccessControl, type AccessOptions } from './access.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
  }
}

export type App = FastifyInstance<any, any, any, any, TypeBoxTypeProvider>;

export interface ServerOptions extends AccessOptions {
  logLevel?: string;
  /** Where log lines go (tests capture them to prove redaction); stdout by default. */
  logStream?: NodeJS.WritableStream;
  bodyLimit?: number;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

function makeAjv(forBody: boolean) {
  const ajv = new Ajv({
    allErrors: true,
    coerceTypes: forBody ? false : 'array',
    removeAdditional: false,
    useDefaults: true,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

/** Turns Ajv's errors into field errors people can read. */
export function fieldErrorsFromAjv(errors: ErrorObject[], part: string): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const base = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const join = (child: string) => (base ? `${base}.${child}` : child);
    const at = base || part;
    switch (e.keyword) {
      case 'required':
        out.push({ field: join(String(e.params.missingProperty)), rule: 'required' });
        break;
      case 'additionalProperties':
        out.push({ field: join(String(e.params.additionalProperty)), rule: 'unknown_field' });
        break;
      case 'type':
        out.push({ field: at, rule: 'type', params: { type: typeNames[String(e.params.type)] ?? String(e.params.type) } });
        break;
      case 'minLength':
        out.push({ field: at, rule: 'min_length', params: { limit: e.params.limit } });
        break;
      case 'maxLength':
        out.push({ field: at, rule: 'max_length', params: { limit: e.params.limit } });
        break;
      case 'minimum':
      case 'maximum':
        out.push({ field: at, rule: e.keyword, params: { limit: e.params.limit } });
        break;
      case 'minItems':
        out.push({ field: at, rule: 'min_items', params: { limit: e.params.limit } });
        break;
      case 'maxItems':
        out.push({ field: at, rule: 'max_items', params: { limit: e.params.limit } });
        break;
      case 'enum':
        out.push({ field: at, rule: 'enum', params: { values: (e.params.allowedValues as unknown[]).join(', ') } });
        break;
      case 'pattern':
        out.push({ field: at, rule: 'pattern' });
        break;
      case 'format':
        out.push({ field: at, rule: 'format', params: { format: e.params.format } });
        break;
      default:
        out.push({ field: at, rule: 'invalid' });
    }
  }
  // one message per field and rule is enough
  const seen = new Set<string>();
  return out.filter((f) => (seen.has(`${f.field}|${f.rule}`) ? false : (seen.add(`${f.field}|${f.rule}`), true)));
}

function problemFromError(err: FastifyError & { validation?: ErrorObject[]; validationContext?: string }): AppError {
  if (err instanceof AppError) return err;
  if (err.validation) return new AppError(422, 'validation_failed', {}, fieldErrorsFromAjv(err.validation, err.validationContext ?? 'body'));
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError(400, 'malformed_json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(413, 'body_too_large', { limit: 0 });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(415, 'unsupported_media_type');
  }
  if (err instanceof SyntaxError && err.statusCode === 400) return new AppError(400, 'malformed_json');
  if (err.statusCode === 404) return new AppError(404, 'not_found');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return new AppError(err.statusCode, 'validation_failed');
  return new AppError(500, 'internal_error');
}

export async function createServer(opts: ServerOptions): Promise<App> {
  const bodyLimit = opts.bodyLimit ?? 1024 * 1024;
  const app = Fastify({
    logger: loggerOptions(opts.logLevel ?? 'info', opts.logStream),
    bodyLimit,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
    ajv: { customOptions: { strict: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const bodyAjv = makeAjv(true);
  const otherAjv = makeAjv(false);
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodyAjv : otherAjv).compile(schema));

  app.decorateRequest('lang', 'id');
  app.addHook('onRequest', async (request, reply) => {
    request.lang = pickLanguage(request.headers['accept-language']);
    reply.header('x-request-id', request.id);
    reply.header('content-language', request.lang);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = problemFromError(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else if (problem.code === 'body_too_large') problem.params.limit = bodyLimit;
    return reply.status(problem.status).type('application/problem+json').send(toProblem(problem, request.lang, request.id, request.url));
  });

  app.addSchema({
    $id: 'Problem',
    type: 'object',
    description: 'RFC 9457 problem details, localized by Accept-Language (id, en).',
    properties: {
      type: { type: 'string' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      code: { type: 'string' },
      instance: { type: 'string' },
      requestId: { type: 'string' },
      errors: {
        type: 'array',
        items: {
          type: 'object',
          properties: { field: { type: 'string' }, rule: { type: 'string' }, message: { type: 'string' } },
          required: ['field', 'rule', 'message'],
        },
      },
    },
    required: ['type', 'title', 'status', 'detail', 'code'],
    additionalProperties: true,
  });

  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => new AppError(429, 'rate_limited', { seconds: Math.ceil(context.ttl / 1000) }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lindung API',
        version: '1',
        description: 'Jaminan sosial ketenagakerjaan untuk semua pekerja. Social security for every worker. Errors are RFC 9457 problems; send Accept-Language: id or en.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'lindung_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  installAccessControl(app, opts);
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/api/v1/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  return app;
}

/** The responses every route shares: its success schema(s) plus problems for 4xx and 5xx. */
export function responses<T extends Record<number, unknown>>(ok: T) {
  return { ...ok, '4xx': { $ref: 'Problem#' }, '5xx': { $ref: 'Problem#' } };
}

export function bearerOrCookieToken(request: FastifyRequest, cookieName: string): string | undefined {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return request.cookies[cookieName];
}
