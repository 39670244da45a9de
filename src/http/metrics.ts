// /metrics in the Prometheus text format (prom-client), per GIAMNGHEO_METRICS:
// - `local` (default): answers only a request made on the machine itself, not through a proxy
//   (no X-Forwarded-For): Prometheus or node_exporter's scraper on the host;
// - `admin`: answers a signed-in holder of `system.metrics` (the administrator), from anywhere;
// - `off`: not served.
// Anyone else gets the ordinary "not found" answer. Requests are labelled by the route's pattern
// (`/api/v1/registry/households/:id`), never the raw URL, so no household key, name or search
// text reaches a metric; unmatched URLs share one label.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import client from 'prom-client';
import type { Deps } from '../services/deps.js';
import { importJobStats } from '../services/registry/import-jobs.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function isLocalRequest(req: FastifyRequest): boolean {
  return LOOPBACK.has(req.socket.remoteAddress ?? '') && req.headers['x-forwarded-for'] === undefined;
}

/** Adds the request metrics and the /metrics route to `app`, one registry per app. */
export function registerMetrics(app: FastifyInstance, deps: Deps): void {
  const mode = deps.config.metrics;
  if (mode === 'off') return;
  const register = new client.Registry();
  client.collectDefaultMetrics({ register, prefix: 'giamngheo_' });
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new client.Counter({
    name: 'giamngheo_http_requests_total',
    help: 'HTTP requests answered, by route pattern and status',
    labelNames,
    registers: [register],
  });
  const latency = new client.Histogram({
    name: 'giamngheo_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by route pattern and status',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [register],
  });
  new client.Gauge({
    name: 'giamngheo_import_jobs_running',
    help: 'Survey imports running now',
    registers: [register],
    collect() {
      this.set(importJobStats().running);
    },
  });
  new client.Gauge({
    name: 'giamngheo_import_records_read',
    help: 'Records read so far by the imports running now',
    registers: [register],
    collect() {
      this.set(importJobStats().read);
    },
  });
  new client.Gauge({
    name: 'giamngheo_import_jobs_ended',
    help: 'Survey imports ended since the server started, by outcome',
    labelNames: ['state'],
    registers: [register],
    collect() {
      const s = importJobStats();
      this.set({ state: 'done' }, s.done);
      this.set({ state: 'failed' }, s.failed);
    },
  });
  new client.Gauge({
    name: 'giamngheo_db_pool_connections',
    help: 'Database connections by state (PostgreSQL pool; SQLite: its one connection)',
    labelNames: ['dialect', 'state'],
    registers: [register],
    collect() {
      const pool = deps.db.pool;
      const dialect = deps.db.dialect;
      if (!pool) {
        this.set({ dialect, state: 'total' }, 1);
        return;
      }
      this.set({ dialect, state: 'total' }, pool.totalCount);
      this.set({ dialect, state: 'idle' }, pool.idleCount);
      this.set({ dialect, state: 'waiting' }, pool.waitingCount);
    },
  });

  // The labelled series of each (method, route, status), kept: prom-client hashes a labels object
  // on every inc and observe, a few microseconds a request (the portal's cached pages take 30).
  // Routes are patterns, statuses few: the map stays as small as the series themselves.
  const series = new Map<
    string,
    { count: ReturnType<typeof requests.labels>; time: ReturnType<typeof latency.labels> }
  >();
  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? '(unmatched)';
    const key = `${req.method} ${reply.statusCode} ${route}`;
    let s = series.get(key);
    if (!s) {
      const labels = { method: req.method, route, status: String(reply.statusCode) };
      s = { count: requests.labels(labels), time: latency.labels(labels) };
      series.set(key, s);
    }
    s.count.inc();
    s.time.observe(reply.elapsedTime / 1000);
    done();
  });

  const send = async (_req: FastifyRequest, reply: FastifyReply) =>
    reply.type(register.contentType).send(await register.metrics());
  if (mode === 'admin') {
    app.get(
      '/metrics',
      { schema: { hide: true }, config: { access: { permission: 'system.metrics' } } },
      send,
    );
    return;
  }
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (!isLocalRequest(req)) return reply.callNotFound();
    return send(req, reply);
  });
}
