// Property-based fuzz of the whole API (fast-check). Every /api/v1 route of the OpenAPI document
// (its path parameters, query string and JSON body schemas) is called
//  1. with a well-formed request (values a real caller sends: the fixture's units, dates, ids), and
//     the same with each field in turn made hostile (null, {}, [null], text, a lone surrogate, a
//     huge number, an impossible date) — a text write twice, so the second meets the first;
//  2. with inputs generated from its schemas, schema-shaped inputs with one property hostile, and
//     arbitrary JSON (wrong types, nulls, huge numbers, lone surrogates, deep nesting, empty
//     objects), as an admin with a valid session and CSRF token or anonymously (seeded, 20 runs).
// Whatever comes in: never a 5xx, and every error is `{error: {code, message, messageEn}}` with a
// catalogue code and every message placeholder filled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { catalogue } from '../../src/errors.js';
import { login, resolveSession } from '../../src/services/users.service.js';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildUser } from '../support/builders.js';
import { buildAllocation } from '../support/finance.js';

type Schema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
};

interface Operation {
  method: string;
  /** OpenAPI path, `{name}` for parameters. */
  path: string;
  pathParams: Record<string, Schema>;
  query: Record<string, Schema>;
  body: Schema | undefined;
}

/** Every operation of the OpenAPI document under /api/v1 (the routes and their own schemas). */
function operationsOf(app: FastifyInstance): Operation[] {
  const doc = app.swagger() as {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: { in: string; name: string; schema?: Schema }[];
          requestBody?: { content?: Record<string, { schema?: Schema }> };
        }
      >
    >;
  };
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/v1/')) continue;
    for (const [method, op] of Object.entries(methods)) {
      const pathParams: Record<string, Schema> = {};
      const query: Record<string, Schema> = {};
      for (const p of op.parameters ?? []) {
        if (p.in === 'path') pathParams[p.name] = p.schema ?? {};
        if (p.in === 'query') query[p.name] = p.schema ?? {};
      }
      for (const m of path.matchAll(/\{(\w+)\}/g)) pathParams[m[1]!] ??= {};
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams,
        query,
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return ops;
}

/** Values a real caller would send: codes and years of the fixture, so inputs reach the services. */
const plausible = fc.constantFrom<unknown>(
  '16516',
  '14830',
  '382',
  '38',
  '2024',
  2024,
  2023,
  '2024-06-11',
  '2024-02-29',
  1,
  '1',
  'DA2',
  'DA3.2',
  'QD90_2021_2025',
  'poor',
  'open',
  'central',
  'recurrent',
  'thon',
  'Thôn Mới',
);

function deep(n: number): unknown {
  let v: unknown = {};
  for (let i = 0; i < n; i += 1) v = i % 2 ? { a: v } : [v];
  return v;
}

/** What a hostile or careless caller sends in place of a value. */
const hostile = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    false,
    0,
    -1,
    -0,
    1.5,
    1e308,
    -1e308,
    2 ** 53 + 1,
    1e20,
    '99999999999999999999',
    '',
    ' ',
    '\u0000',
    '\ud800',
    'a\udc00b',
    '\udbff',
    '𠀀\ud800',
    'x'.repeat(5000),
    '=HYPERLINK("http://x")',
    '2024-02-30',
    '0000-00-00',
    '9999-12-31',
    '2099-01-01',
    'NaN',
    '-1',
    '1e400',
    [],
    [null],
    ['x'],
    {},
    { a: null },
    deep(60),
  ),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.integer(),
  fc.double(),
);

function typesOf(s: Schema): string[] {
  return Array.isArray(s.type) ? s.type : typeof s.type === 'string' ? [s.type] : [];
}

/** An arbitrary of values valid (mostly) for a JSON schema, with plausible fixture values mixed in. */
function fromSchema(s: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!s || depth > 4) return fc.oneof(plausible, fc.jsonValue({ maxDepth: 2 }));
  if (s.enum) return fc.constantFrom(...s.enum);
  const union = s.anyOf ?? s.oneOf;
  if (union) return fc.oneof(...union.map((x) => fromSchema(x, depth + 1)));
  const types = typesOf(s);
  if (types.length > 1) return fc.oneof(...types.map((t) => fromSchema({ ...s, type: t }, depth)));
  switch (types[0]) {
    case 'string':
      return s.pattern
        ? fc.oneof(
            fc.stringMatching(new RegExp(s.pattern)),
            plausible.filter((v) => typeof v === 'string'),
          )
        : fc.oneof(plausible.map(String), fc.string({ maxLength: Math.min(s.maxLength ?? 40, 40) }));
    case 'integer':
      return fc.oneof(
        fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 100_000 }),
        plausible.filter((v) => typeof v === 'number'),
      );
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(fromSchema(s.items, depth + 1), { maxLength: 3 });
    case 'object': {
      const props = s.properties ?? {};
      const keys = Object.keys(props);
      if (keys.length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }));
      const required = new Set(s.required ?? []);
      return fc.record(Object.fromEntries(keys.map((k) => [k, fromSchema(props[k], depth + 1)])), {
        requiredKeys: keys.filter((k) => required.has(k)),
      });
    }
    default:
      // Untyped on purpose (amounts, ids: the services answer with their own coded errors).
      return fc.oneof(plausible, fc.integer(), fc.string({ maxLength: 12 }));
  }
}

/** Schema-shaped values, the same with one property made hostile, hostile values, any JSON. */
function inputOf(s: Schema | undefined): fc.Arbitrary<unknown> {
  const shaped = fromSchema(s);
  const keys = Object.keys(s?.properties ?? {});
  const spoiled =
    keys.length === 0
      ? shaped
      : fc
          .tuple(shaped, fc.constantFrom(...keys), hostile)
          .map(([v, k, bad]) => (v && typeof v === 'object' && !Array.isArray(v) ? { ...v, [k]: bad } : v));
  return fc.oneof(
    { arbitrary: shaped, weight: 3 },
    { arbitrary: spoiled, weight: 4 },
    { arbitrary: hostile, weight: 1 },
    { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
  );
}

/**
 * A path segment: schema values and plausible ones, percent-encoded. Malformed percent-encoding
 * ("%", "%ZZ", the UTF-8 bytes of a lone surrogate) and segments longer than the router's limit
 * are refused by Fastify's router before any handler (FST_ERR_BAD_URL, 414): those framework
 * errors are outside this test (the 414 is coded with them in the app's frameworkErrors).
 */
function segmentOf(s: Schema): fc.Arbitrary<string> {
  const safe = (v: unknown) => {
    const text = typeof v === 'string' ? v : (JSON.stringify(v) ?? 'x');
    return encodeURIComponent(toWellFormed(text))
      .slice(0, 90)
      .replace(/%[0-9A-F]?$/, '');
  };
  return fc.oneof(
    fromSchema(s).map(safe),
    plausible.map(safe),
    fc.constantFrom('..', '99999999999999999999', '-1', '0', '1.5', 'x'.repeat(90), '%20', 'null'),
  );
}

const toWellFormed = (s: string) =>
  s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

function queryOf(params: Record<string, Schema>): fc.Arbitrary<string> {
  const keys = Object.keys(params);
  if (keys.length === 0) return fc.constant('');
  const value = (s: Schema) =>
    fc.oneof(
      { arbitrary: fromSchema(s), weight: 3 },
      { arbitrary: hostile, weight: 1 },
      { arbitrary: plausible, weight: 2 },
    );
  return fc
    .record(Object.fromEntries(keys.map((k) => [k, value(params[k]!)])), { requiredKeys: [] })
    .map((q) => {
      const parts = Object.entries(q).map(([k, v]) => {
        const text = typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
        // URLSearchParams would replace a lone surrogate; send its UTF-8 bytes as they come.
        let enc: string;
        try {
          enc = encodeURIComponent(text);
        } catch {
          enc = '%ED%A0%80';
        }
        return `${k}=${enc}`;
      });
      return parts.length ? `?${parts.join('&')}` : '';
    });
}

const CODES = new Set(Object.keys(catalogue));

/** Why a response breaks the contract (a 5xx, an uncoded error, an unfilled placeholder), or null. */
function problemOf(res: { statusCode: number; body: string }): string | null {
  if (res.statusCode >= 500) return `status ${res.statusCode}: ${res.body.slice(0, 200)}`;
  if (res.statusCode < 400) return null;
  let error: Record<string, unknown> | undefined;
  try {
    error = (JSON.parse(res.body) as { error?: Record<string, unknown> }).error;
  } catch {
    return `not JSON: ${res.body.slice(0, 200)}`;
  }
  if (!error || !CODES.has(String(error.code))) return `not a catalogue error: ${res.body.slice(0, 200)}`;
  for (const m of [error.message, error.messageEn]) {
    if (typeof m !== 'string') return `no message: ${res.body.slice(0, 200)}`;
    // Catalogue placeholders are {word}; a pattern quoted in a detail ({4}) is not one.
    if (/\{[A-Za-z_]\w*\}/.test(m)) return `unfilled placeholder (${String(error.code)}): ${m}`;
  }
  return null;
}

// ── well-formed requests, one field at a time made hostile ─────────────────────
/** A value a real caller would send for a field of this name (the fixture's units, dates, ids). */
const BY_NAME: Record<string, unknown> = {
  code: '14830',
  communeCode: '14830',
  unitCode: '382',
  unit: '382',
  assigneeUnitCode: '14830',
  period: 2024,
  year: 2024,
  date: '2024-06-10',
  on: '2024-06-10',
  asOf: '2024-06-10',
  decisionDate: '2024-02-26',
  deadline: '2024-09-30',
  nextDeadline: '2024-12-31',
  id: '1',
  householdId: 'EX-01',
  key: 'EX-01',
  householdKey: 'EX-01',
  allocationId: 1,
  toAllocationId: 2,
  disbursementId: 1,
  meetingId: 1,
  villageId: 1,
  amount: 1000,
  name: 'Thôn Mới',
  title: 'Tiêu đề',
};

/** Requests of the routes whose body schema does not list its fields (the service checks them). */
const EXAMPLES: Record<string, { path?: Record<string, string>; body?: unknown }> = {
  'POST /api/v1/meetings': {
    body: {
      unitCode: '382',
      date: '2024-06-10',
      title: 'Giao ban giảm nghèo',
      chair: 'Phó Chủ tịch',
      conclusions: 'Đẩy nhanh giải ngân',
      tasks: [
        {
          assigneeKind: 'ward',
          assignee: 'UBND phường Trung Sơn',
          assigneeUnitCode: '14830',
          title: 'Rà soát hộ',
          deadline: '2024-07-01',
        },
      ],
    },
  },
  'POST /api/v1/tasks': {
    body: {
      unitCode: '382',
      assigneeKind: 'department',
      assignee: 'Phòng Lao động',
      title: 'Báo cáo',
      deadline: '2024-07-01',
    },
  },
  'POST /api/v1/finance/match': {
    body: {
      year: 2024,
      profile: {
        status: 'poor',
        deprivations: ['nutrition'],
        members: [{ age: 34, workingAge: true, employment: 'unemployed' }],
        traits: { farmland: true },
      },
    },
  },
  'POST /api/v1/programs/{code}/components': {
    path: { code: 'NQ257_2026_2035' },
    body: { code: 'HP9', parentCode: 'HP2', name: 'Hợp phần thử' },
  },
  'PATCH /api/v1/programs/{code}/components/{component}': {
    path: { code: 'NQ257_2026_2035', component: 'HP2' },
    body: { name: 'Hợp phần 2' },
  },
  'POST /api/v1/tasks/{id}/updates': {
    body: { status: 'in-progress', note: 'Đang làm', date: '2024-06-10' },
  },
};

function exampleOf(s: Schema | undefined, name = ''): unknown {
  if (!s) return BY_NAME[name] ?? 'x';
  if (s.enum) return s.enum[0];
  if (name in BY_NAME) return BY_NAME[name];
  const union = s.anyOf ?? s.oneOf;
  if (union) return exampleOf(union[0], name);
  switch (typesOf(s)[0]) {
    case 'string':
      return s.pattern
        ? fc.sample(fc.stringMatching(new RegExp(s.pattern)), { numRuns: 1, seed: 1 })[0]
        : 'x';
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'array':
      return [exampleOf(s.items)];
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, exampleOf(v, k)]));
    default:
      return 'x';
  }
}

/** The places of a value that can be replaced: top-level keys, and one level inside objects and lists. */
function pathsOf(v: unknown, depth = 0): (string | number)[][] {
  if (depth > 2 || v === null || typeof v !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(v)
    ? v.length
      ? [[0, v[0]]]
      : []
    : Object.entries(v as Record<string, unknown>);
  return entries.flatMap(([k, child]) => [[k], ...pathsOf(child, depth + 1).map((p) => [k, ...p])]);
}

function replaced(v: unknown, path: (string | number)[], bad: unknown): unknown {
  if (path.length === 0) return bad;
  const [k, ...rest] = path;
  const copy = (Array.isArray(v) ? [...v] : { ...(v as Record<string, unknown>) }) as Record<
    string | number,
    unknown
  >;
  copy[k!] = replaced(copy[k!], rest, bad);
  return copy;
}

/** Compact on purpose: every field of every route gets each of these. */
const HOSTILE_FIELD: unknown[] = [null, {}, [null], 'x', '\ud800', 1e20, -1, '2024-02-30'];
const HOSTILE_QUERY = ['x', '%ED%A0%80', '99999999999999999999', '2024-02-30', '%00'];
const HOSTILE_SEGMENT = ['x', '99999999999999999999', '999999999999', '-1'];

for (const dialect of DIALECTS) {
  describe(`API fuzz (${dialect})`, () => {
    let deps: TestDeps;
    let app: FastifyInstance;
    let ops: Operation[];
    let admin: { cookie: string; 'x-csrf-token': string } | undefined;

    /**
     * The admin's session headers: kept while the session lives; a route may sign it out or
     * disable the account, and then a new admin signs in (argon2 is slow: not once per route).
     */
    async function adminSession() {
      const token = admin?.cookie.slice('gn_session='.length);
      if (admin && token && (await resolveSession(deps, token))) return admin;
      const { user, password } = await buildUser(deps, { role: 'admin', unitCode: null });
      const s = await login(deps, user.username, password);
      admin = { cookie: `gn_session=${s.token}`, 'x-csrf-token': s.csrfToken };
      return admin;
    }

    /** One request, as the admin of `session` or anonymously. */
    async function send(
      op: Operation,
      url: string,
      body: unknown,
      session: { cookie: string; 'x-csrf-token': string } | null,
    ) {
      const hasBody = ['POST', 'PUT', 'PATCH'].includes(op.method);
      return app.inject({
        method: op.method as 'GET',
        url,
        headers: {
          ...(session ?? {}),
          ...(hasBody ? { 'content-type': 'application/json' } : {}),
        },
        ...(hasBody ? { payload: JSON.stringify(body) ?? 'null' } : {}),
      });
    }

    beforeAll(async () => {
      deps = await makeDeps(dialect);
      app = await buildApp(deps);
      await app.ready();
      ops = operationsOf(app);
      // Rows for the well-formed requests to reach: allocations 1 and 2 of the city 382.
      await buildAllocation(deps, { componentCode: 'DA2' });
      await buildAllocation(deps, { componentCode: 'DA3.2' });
    });
    afterAll(async () => {
      await app.close();
      await deps.cleanup();
    });

    it('finds the routes with their schemas', () => {
      expect(ops.length).toBeGreaterThan(60);
      const match = ops.find((o) => o.method === 'POST' && o.path === '/api/v1/finance/match')!;
      expect(Object.keys(match.body?.properties ?? {})).toEqual(['year', 'profile']);
      const campaign = ops.find((o) => o.path === '/api/v1/registry/campaigns/{communeCode}/{period}')!;
      expect(Object.keys(campaign.pathParams)).toEqual(['communeCode', 'period']);
      for (const key of Object.keys(EXAMPLES))
        expect(
          ops.some((o) => `${o.method} ${o.path}` === key),
          key,
        ).toBe(true);
    });

    it('a well-formed request with any one field made hostile never gets a 5xx or an uncoded error', async () => {
      const failures = new Set<string>();
      let requests = 0;
      for (const op of ops) {
        const session = await adminSession();
        const key = `${op.method} ${op.path}`;
        const example = EXAMPLES[key];
        const segments = Object.fromEntries(
          Object.entries(op.pathParams).map(([k, sch]) => [
            k,
            encodeURIComponent(String(example?.path?.[k] ?? exampleOf(sch, k))),
          ]),
        );
        const query = Object.fromEntries(
          Object.entries(op.query).map(([k, sch]) => [k, encodeURIComponent(String(exampleOf(sch, k)))]),
        );
        const body = example?.body ?? exampleOf(op.body);
        const urlOf = (seg: Record<string, string>, q: Record<string, string>) => {
          const qs = Object.entries(q)
            .map(([k, v]) => `${k}=${v}`)
            .join('&');
          return op.path.replace(/\{(\w+)\}/g, (_, k: string) => seg[k]!) + (qs ? `?${qs}` : '');
        };
        const variants: { url: string; body: unknown }[] = [{ url: urlOf(segments, query), body }];
        for (const k of Object.keys(segments))
          for (const bad of HOSTILE_SEGMENT)
            variants.push({ url: urlOf({ ...segments, [k]: bad }, query), body });
        for (const k of Object.keys(query))
          for (const bad of HOSTILE_QUERY)
            variants.push({ url: urlOf(segments, { ...query, [k]: bad }), body });
        if (['POST', 'PUT', 'PATCH'].includes(op.method))
          for (const path of pathsOf(body))
            for (const bad of HOSTILE_FIELD)
              variants.push({ url: urlOf(segments, query), body: replaced(body, path, bad) });
        for (const v of variants) {
          // A text write is sent twice: the second meets the first (duplicates, unique keys).
          const times = op.method === 'POST' && JSON.stringify(v.body ?? null).includes('\\ud800') ? 2 : 1;
          requests += times;
          for (let t = 0; t < times; t += 1) {
            const res = await send(op, v.url, v.body, session);
            const problem = problemOf(res);
            if (problem)
              failures.add(`${op.method} ${v.url} ${JSON.stringify(v.body)?.slice(0, 300)}\n  ${problem}`);
          }
        }
      }
      process.stderr.write(`fuzz: ${requests} well-formed and one-field-hostile requests\n`);
      expect([...failures], [...failures].join('\n')).toEqual([]);
    }, 300_000);

    it('generated and arbitrary inputs, signed in or not, never get a 5xx or an uncoded error', async () => {
      const failures: string[] = [];
      for (const [i, op] of ops.entries()) {
        const session = await adminSession();
        const segments = Object.fromEntries(
          Object.entries(op.pathParams).map(([k, sch]) => [k, segmentOf(sch)]),
        );
        const hasBody = ['POST', 'PUT', 'PATCH'].includes(op.method);
        const request = fc.record({
          segments: fc.record(segments),
          query: queryOf(op.query),
          body: hasBody ? inputOf(op.body) : fc.constant(undefined),
          anonymous: fc.boolean(),
        });
        const property = fc.asyncProperty(request, async (r) => {
          const url = op.path.replace(/\{(\w+)\}/g, (_, k: string) => r.segments[k]!) + r.query;
          const res = await send(op, url, r.body, r.anonymous ? null : session);
          expect(problemOf(res), `${op.method} ${url} → ${res.statusCode}`).toBeNull();
        });
        try {
          await fc.assert(property, { numRuns: 20, seed: 20241011 + i, endOnFailure: true });
        } catch (err) {
          const cause = (err as Error & { cause?: Error }).cause;
          const lines = `${(err as Error).message}\n${cause?.message ?? ''}`
            .split('\n')
            .filter((l) => /Counterexample|→|Expected|Received|expected/.test(l));
          failures.push(`${op.method} ${op.path}\n${lines.map((l) => l.slice(0, 400)).join('\n')}`);
        }
      }
      expect(failures, failures.join('\n\n')).toEqual([]);
    }, 300_000);
  });
}
