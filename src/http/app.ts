// buildApp(deps) assembles the Fastify instance without listening: the server, the tests
// (app.inject) and the CLI's `serve`/`demo` all use it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerOptions,
  type RouteOptions,
} from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { AppError, isAppError, messageOf, type Lang } from '../errors.js';
import { malformedText, malformedTextPath } from '../domain/input.js';
import type { Actor, Deps } from '../services/deps.js';
import { resolveSession, type ResolvedSession } from '../services/users.service.js';
import { checkAccessBeforeBody, checkBodyScope } from './access.js';
import { wordValidation, type AjvIssue } from './validation-words.js';
import { frameworkError } from './framework-errors.js';
import { APP_SECURITY_HEADERS, COMMON_SECURITY_HEADERS } from './security-headers.js';
import { SESSION_COOKIE } from './cookies.js';
import { logSerializers } from './log-redaction.js';
import { apiRoutes, pageRoutes } from './routes/index.js';
import { checkHealth } from '../services/health.service.js';
import { registerMetrics } from './metrics.js';

declare module 'fastify' {
  interface FastifyRequest {
    deps: Deps;
    actor: Actor | undefined;
    session: ResolvedSession | undefined;
    lang: Lang;
  }
}

export interface BuildOptions {
  logger?: FastifyServerOptions['logger'];
  /** Extra route plugins (modules add their routes here). */
  plugins?: ((app: FastifyInstance) => Promise<void>)[];
  /**
   * false leaves Fastify's own request serializer (the URL as it came): only for the log scan's
   * negative control (tests/api/log-redaction.api.test.ts). Default true.
   */
  redactLog?: boolean;
  /** Told of every route as it is added (the route-table test enumerates the API with it). */
  onRoute?: (route: RouteOptions) => void;
}

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

export function langOf(header: string | undefined, cookieLang: string | undefined): Lang {
  if (cookieLang === 'en' || cookieLang === 'vi') return cookieLang;
  if (!header) return 'vi';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}

export async function buildApp(deps: Deps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.redactLog === false ? (options.logger ?? false) : withRedaction(options.logger ?? false),
    bodyLimit: 20 * 1024 * 1024,
    // Off unless configured (GIAMNGHEO_TRUST_PROXY): otherwise any client could pick its own
    // address with X-Forwarded-For and escape the per-address limits.
    trustProxy: deps.config.trustProxy,
    // Union types (["integer", "string"]) are used on purpose for values that Excel and forms send either way.
    ajv: { customOptions: { allowUnionTypes: true } },
    // A malformed or over-long path (a parameter past 100 characters) answers in the error
    // format like every other error, before any hook runs.
    frameworkErrors(err, req, reply) {
      const lang = langOf(req.headers['accept-language'], undefined);
      const coded = frameworkError(err) ?? { error: new AppError('URL_INVALID'), status: 400 };
      const r = reply as unknown as FastifyReply;
      return r
        .headers(COMMON_SECURITY_HEADERS)
        .status(coded.status)
        .send({ error: coded.error.toJSON(lang) });
    },
  });

  // Refuse to start with an API route that does not say who may call it, and attach the access
  // checks to every route that does (src/http/access.ts): CSRF, session, permission and scope of
  // the matched route before the body is read; a scope named in the body once it is parsed.
  // Portal pages declare none and run no check at all.
  app.addHook('onRoute', (route) => {
    options.onRoute?.(route);
    const access = route.config?.access;
    if (route.url.startsWith('/api/v1/') && !access) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule`);
    }
    if (!access) return;
    const onRequest = route.onRequest === undefined ? [] : [route.onRequest].flat();
    route.onRequest = [checkAccessBeforeBody, ...onRequest];
    if (typeof access === 'object' && access.scope) {
      const preHandler = route.preHandler === undefined ? [] : [route.preHandler].flat();
      route.preHandler = [checkBodyScope, ...preHandler];
    }
  });
  // Request metrics before any route is added: each route counts its own requests.
  const countUnmatched = registerMetrics(app, deps);

  // Cookies are parsed by buildApp's first hook below, not by a hook of the plugin's own: one hook
  // less on every request. The plugin still sets cookies (reply.setCookie) and parses them on demand.
  await app.register(cookie, { hook: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'giamngheo API',
        description:
          'API của hệ thống quản lý Chương trình MTQG giảm nghèo bền vững / poverty-reduction program API',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('deps', null as unknown as Deps);
  app.decorateRequest('actor', undefined);
  app.decorateRequest('session', undefined);
  app.decorateRequest('lang', 'vi');

  // Callback style with a synchronous path: an anonymous page view (the portal) pays no promise.
  app.addHook('onRequest', (req, reply, done) => {
    req.deps = deps;
    const cookies = req.headers.cookie;
    req.cookies = cookies ? app.parseCookie(cookies) : {};
    reply.headers(COMMON_SECURITY_HEADERS);
    // Vietnamese first: pages follow only an explicit choice (the lang cookie set by the switch);
    // API clients may also ask for English with Accept-Language.
    req.lang = langOf(
      req.url.startsWith('/api/') ? req.headers['accept-language'] : undefined,
      req.cookies.lang,
    );
    const token = req.cookies[SESSION_COOKIE];
    if (!token) {
      done();
      return;
    }
    resolveSession(deps, token).then((session) => {
      if (session) {
        req.session = session;
        // The route's pattern, never its URL (which may carry a search by name): the access record.
        req.actor = { ...session.actor, route: `${req.method} ${req.routeOptions.url ?? ''}` };
      }
      // The CSRF token is checked on the matched route (src/http/access.ts), not on the URL.
      done();
    }, done);
  });

  // Text is well-formed Unicode wherever it is accepted: a JSON "\ud800" can be stored nowhere.
  // Callback style: no promise per request.
  app.addHook('preValidation', (req, _reply, done) => {
    const at = malformedTextPath(req.body) ?? malformedTextPath(req.query);
    done(at === null ? undefined : malformedText(at));
  });

  app.setErrorHandler((err, req, reply) => {
    const lang = req.lang ?? 'vi';
    if (isAppError(err)) {
      if (err.status >= 500) req.log.error({ err }, err.message);
      // A throttled sign-in says when to come back, in the header clients and proxies know.
      const retryAfter = err.data?.retryAfter;
      if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return reply.status(err.status).send({ error: err.toJSON(lang) });
    }
    const e = err as {
      validation?: {
        instancePath?: string;
        keyword?: string;
        message?: string;
        params?: Record<string, unknown>;
      }[];
      statusCode?: number;
      code?: string;
    };
    if (e.validation) {
      const first = e.validation[0];
      const missing = first?.params?.missingProperty;
      const field = [
        first?.instancePath?.replace(/^\//, '').replace(/\//g, '.'),
        typeof missing === 'string' ? missing : '',
      ]
        .filter(Boolean)
        .join('.');
      const appErr =
        typeof missing === 'string'
          ? new AppError('FIELD_REQUIRED', { field }, { field })
          : invalidField(field || 'body', first);
      return reply.status(400).send({ error: appErr.toJSON(lang) });
    }
    // Errors of Fastify and its plugins (body parsing, content type, limits) in the same format.
    const coded = frameworkError(err, req.headers['content-type']);
    if (coded) return reply.status(coded.status).send({ error: coded.error.toJSON(lang) });
    req.log.error({ err }, 'unhandled error');
    // 5xx text stays in the log: the client gets the catalogue message only.
    return reply.status(500).send({
      error: {
        code: 'INTERNAL',
        message: messageOf('INTERNAL', {}, lang),
        messageEn: messageOf('INTERNAL', {}, 'en'),
      },
    });
  });

  // The not-found handler in a context of its own, where the requests no route matched are counted
  // (the routes count theirs: registerMetrics). It answers every unmatched URL all the same.
  await app.register(async (unmatched) => {
    if (countUnmatched) unmatched.addHook('onResponse', countUnmatched);
    unmatched.setNotFoundHandler((req, reply) => {
      const err = new AppError('ROUTE_NOT_FOUND', { method: req.method, url: req.url.split('?')[0] });
      if (req.url.startsWith('/api/') || req.method !== 'GET')
        return reply.status(404).send({ error: err.toJSON(req.lang) });
      // The web app is a single-page application: unknown /app/ paths load it.
      if (req.url.startsWith('/app') && fs.existsSync(path.join(webDist, 'index.html'))) {
        return reply
          .headers(APP_SECURITY_HEADERS)
          .type('text/html; charset=utf-8')
          .sendFile('index.html', webDist);
      }
      return reply.status(404).type('text/html; charset=utf-8').send(notFoundPage(req.lang));
    });
  });

  // 200 when the database answers and its schema is this version's; 503 with the coded reason
  // otherwise (src/services/health.service.ts).
  app.get('/api/health', { schema: { hide: true } }, async () => checkHealth(deps));

  for (const routes of apiRoutes) await app.register(routes, { prefix: '/api/v1' });
  for (const routes of pageRoutes) await app.register(routes);
  for (const plugin of options.plugins ?? []) await app.register(plugin);

  if (fs.existsSync(webDist)) {
    await app.register(fastifyStatic, {
      root: webDist,
      prefix: '/app/',
      // The web build writes a .gz beside each script and stylesheet (src/web/vite.config.ts).
      preCompressed: true,
      maxAge: '1h',
      immutable: false,
      setHeaders(res, filePath) {
        // Whatever spelling of the path reached the file (/app/, /%61pp/), it carries the headers.
        res.headers(APP_SECURITY_HEADERS);
        if (filePath.includes(`${path.sep}assets${path.sep}`))
          res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  return app;
}

/**
 * Logger options with the request serializer that keeps personal data out of the log
 * (src/http/log-redaction.ts): whoever configures a logger — serve, a test, a bench — gets it.
 */
function withRedaction(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (logger === true) return { serializers: logSerializers };
  if (!logger || typeof logger !== 'object') return logger;
  return { ...logger, serializers: { ...logger.serializers, ...logSerializers } };
}

function notFoundPage(lang: Lang): string {
  const t = lang === 'en' ? 'Page not found' : 'Không tìm thấy trang';
  return `<!doctype html><html lang="${lang}"><meta charset="utf-8"><title>${t}</title><body style="font-family:sans-serif;padding:2rem"><h1>${t}</h1><p><a href="/">Trang chủ / Home</a></p></body></html>`;
}

/** A field that broke its payload schema's rule: the rule worded in each language. */
function invalidField(field: string, issue: AjvIssue | undefined): AppError {
  const rule = wordValidation(issue);
  return new AppError(
    'FIELD_INVALID',
    { field, detail: rule.en },
    {
      field,
      worded: {
        vi: messageOf('FIELD_INVALID', { field, detail: rule.vi }, 'vi'),
        en: messageOf('FIELD_INVALID', { field, detail: rule.en }, 'en'),
      },
    },
  );
}
