// /metrics in the Prometheus text format (prom-client), per GIAMNGHEO_METRICS:
// - `local` (default): answers only a request made on the machine itself, not through a proxy
//   (no X-Forwarded-For): Prometheus or node_exporter's scraper on the host;
// - `admin`: answers a signed-in holder of `system.metrics` (the administrator), from anywhere;
// - `off`: not served.
// Anyone else gets the ordinary "not found" answer. Requests are labelled by the route's pattern
// (`/api/v1/registry/households/:id`), never the raw URL, so no household key, name or search
// text reaches a metric; unmatched URLs share one label.
import type { FastifyInstance, FastifyReply, FastifyRequest, onResponseHookHandler } from 'fastify';
import client from 'prom-client';
import type { Deps } from '../services/deps.js';
import { importJobStats } from '../services/registry/import-jobs.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Upper bounds (seconds) of the request duration histogram. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;

/** The requests of one (method, route pattern, status): count, total seconds, per-bucket counts. */
interface RequestSeries {
  labels: { method: string; route: string; status: string };
  count: number;
  sum: number;
  /** Observations per bucket (not cumulative), in the order of LATENCY_BUCKETS; above the last: none. */
  buckets: Float64Array;
}

/**
 * A metric as the registry reads it (`get()`, the shape of prom-client's own counters and
 * histograms: a value per line, the series labels shared by its lines), so the text served is the
 * same as theirs.
 */
interface ExportedMetric {
  name: string;
  help: string;
  type: 'counter' | 'histogram';
  aggregator: 'sum';
  get(): {
    name: string;
    help: string;
    type: 'counter' | 'histogram';
    aggregator: 'sum';
    values: ExportedValue[];
  };
  reset(): void;
}

interface ExportedValue {
  labels: Record<string, string | number>;
  sharedLabels?: Record<string, string>;
  value: number;
  metricName?: string;
}

function requestsMetric(series: readonly RequestSeries[], reset: () => void): ExportedMetric {
  const name = 'giamngheo_http_requests_total';
  const help = 'HTTP requests answered, by route pattern and status';
  return {
    name,
    help,
    type: 'counter',
    aggregator: 'sum',
    get: () => ({
      name,
      help,
      type: 'counter',
      aggregator: 'sum',
      values: series.map((s) => ({ labels: s.labels, value: s.count })),
    }),
    reset,
  };
}

function latencyMetric(series: readonly RequestSeries[], reset: () => void): ExportedMetric {
  const name = 'giamngheo_http_request_duration_seconds';
  const help = 'Time to answer HTTP requests, by route pattern and status';
  return {
    name,
    help,
    type: 'histogram',
    aggregator: 'sum',
    get: () => ({
      name,
      help,
      type: 'histogram',
      aggregator: 'sum',
      values: series.flatMap((s): ExportedValue[] => {
        let acc = 0;
        const bucket = `${name}_bucket`;
        return [
          ...LATENCY_BUCKETS.map((le, i) => {
            acc += s.buckets[i]!;
            return { labels: { le }, sharedLabels: s.labels, value: acc, metricName: bucket };
          }),
          { labels: { le: '+Inf' }, sharedLabels: s.labels, value: s.count, metricName: bucket },
          { labels: {}, sharedLabels: s.labels, value: s.sum, metricName: `${name}_sum` },
          { labels: {}, sharedLabels: s.labels, value: s.count, metricName: `${name}_count` },
        ];
      }),
    }),
    reset,
  };
}

export function isLocalRequest(req: FastifyRequest): boolean {
  return LOOPBACK.has(req.socket.remoteAddress ?? '') && req.headers['x-forwarded-for'] === undefined;
}

/**
 * Adds the request metrics and the /metrics route to `app`, one registry per app. Call it before any
 * route is added: each route counts its own requests (a hook attached as it is added). Returns the
 * hook that counts the requests no route matched, for the not-found handler's context; undefined
 * when metrics are off.
 */
export function registerMetrics(app: FastifyInstance, deps: Deps): onResponseHookHandler | undefined {
  const mode = deps.config.metrics;
  if (mode === 'off') return undefined;
  const register = new client.Registry();
  client.collectDefaultMetrics({ register, prefix: 'giamngheo_' });
  // Requests are counted per (method, route, status) in plain numbers on the request path, and
  // handed to the registry as Prometheus series only when /metrics is read: prom-client's labelled
  // counters and histograms validate and hash their labels on every inc and observe (a tenth of a
  // cached portal page's whole cost, measured).
  // Every series in the order first seen (the order served). Each route's hook holds the series of
  // its pattern by method and status: no key is built and the route is not looked up per request
  // (one hook for every route read the pattern from `req.routeOptions`, which Fastify builds as a
  // new object of twelve fields at each read).
  const series: RequestSeries[] = [];
  const routes: Map<string, Map<number, RequestSeries>>[] = [];
  const reset = () => {
    series.length = 0;
    for (const byMethod of routes) byMethod.clear();
  };
  const counterOf = (route: string): onResponseHookHandler => {
    const byMethod = new Map<string, Map<number, RequestSeries>>();
    routes.push(byMethod);
    return (req, reply, done) => {
      const status = reply.statusCode;
      let byStatus = byMethod.get(req.method);
      if (!byStatus) byMethod.set(req.method, (byStatus = new Map()));
      let s = byStatus.get(status);
      if (!s) {
        s = {
          labels: { method: req.method, route, status: String(status) },
          count: 0,
          sum: 0,
          buckets: new Float64Array(LATENCY_BUCKETS.length),
        };
        byStatus.set(status, s);
        series.push(s);
      }
      const seconds = reply.elapsedTime / 1000;
      s.count += 1;
      s.sum += seconds;
      for (let i = 0; i < LATENCY_BUCKETS.length; i += 1) {
        if (seconds <= LATENCY_BUCKETS[i]!) {
          s.buckets[i]! += 1;
          break;
        }
      }
      done();
    };
  };
  // The route's pattern as added (prefix included), never its URL: the label `req.routeOptions.url`
  // gave before. Routes added by the same pattern share its series.
  const byPattern = new Map<string, onResponseHookHandler>();
  app.addHook('onRoute', (route) => {
    let count = byPattern.get(route.url);
    if (!count) byPattern.set(route.url, (count = counterOf(route.url)));
    route.onResponse = route.onResponse === undefined ? [count] : [...[route.onResponse].flat(), count];
  });
  register.registerMetric(requestsMetric(series, reset) as unknown as client.Metric);
  register.registerMetric(latencyMetric(series, reset) as unknown as client.Metric);
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

  const send = async (_req: FastifyRequest, reply: FastifyReply) =>
    reply.type(register.contentType).send(await register.metrics());
  if (mode === 'admin') {
    app.get(
      '/metrics',
      { schema: { hide: true }, config: { access: { permission: 'system.metrics' } } },
      send,
    );
  } else {
    app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
      if (!isLocalRequest(req)) return reply.callNotFound();
      return send(req, reply);
    });
  }
  return counterOf('(unmatched)');
}
