// Every API payload is defined once, in src/http/schemas/<module>.ts: the same object gives
// Fastify's validation and serialisation, the OpenAPI document and (through FromSchema) the
// types the web app imports. A route that writes an inline object schema instead of importing
// one fails here — checked by identity against every object the schemas modules export.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import Fastify, { type RouteOptions } from 'fastify';
import { apiRoutes } from '../../src/http/routes/index.js';

const SCHEMAS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/http/schemas');

/** Route modules whose schemas are still written inline. Shrinks to empty; never grows. */
const NOT_YET_CONVERTED = new Set<string>([]);

/**
 * Routes that answer with a file (PDF, XLSX, an attachment) rather than JSON: their body has no
 * schema. Everything else under /api/v1 declares one for its 2xx status.
 */
const FILE_ROUTES = new Set<string>([
  'GET /api/v1/registry/households/:householdId/periods/:period/certificate.pdf',
  // the house photo the offline survey took at the door (decision 0040)
  'GET /api/v1/registry/households/:householdId/photos/:clientId',
  'GET /api/v1/registry/campaigns/:communeCode/:period/certificates.pdf',
  'GET /api/v1/registry/households/export.xlsx',
  'GET /api/v1/registry/campaigns/:communeCode/:period/recognised.xlsx',
  'GET /api/v1/finance/proposal.:format',
  'GET /api/v1/tasks/attachments/:id',
  'GET /api/v1/reports/balance.xlsx',
  'GET /api/v1/reports/balance.pdf',
  // the Fatherland Front: a fund's statement, the houses report, a house photo or an answer's file
  'GET /api/v1/front/funds/:id/statement.:format',
  'GET /api/v1/front/houses/report.:format',
  'GET /api/v1/front/files/:id',
  // Annex 7, the access record's export, the review papers, the applications register, the round.
  'GET /api/v1/reports/annex7.xlsx',
  'GET /api/v1/reports/annex7.pdf',
  'GET /api/v1/access-log/export',
  'GET /api/v1/reports/review-papers/:kind/xlsx',
  'GET /api/v1/reports/review-papers/:kind/pdf',
  'GET /api/v1/reports/applications.xlsx',
  'GET /api/v1/reports/applications.pdf',
  'GET /api/v1/reports/round/submissions/:id/xlsx',
  'GET /api/v1/reports/round/board.xlsx',
  'GET /api/v1/reports/round/board.pdf',
]);

/**
 * Where a schema says "an object" and nothing more (no properties, no schema for its values):
 * such a body is whatever the service returns, unchecked and untyped.
 */
function looseObjects(schema: unknown, at: string): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const s = schema as Record<string, unknown>;
  const out: string[] = [];
  const types = [s.type].flat();
  if (
    types.includes('object') &&
    s.properties === undefined &&
    (s.additionalProperties === undefined || s.additionalProperties === true)
  )
    out.push(at);
  for (const [k, v] of Object.entries((s.properties as Record<string, unknown>) ?? {}))
    out.push(...looseObjects(v, `${at}.${k}`));
  if (s.items) out.push(...looseObjects(s.items, `${at}[]`));
  if (s.additionalProperties && typeof s.additionalProperties === 'object')
    out.push(...looseObjects(s.additionalProperties, `${at}{}`));
  for (const k of ['anyOf', 'oneOf', 'allOf'])
    for (const [i, v] of ((s[k] as unknown[]) ?? []).entries()) out.push(...looseObjects(v, `${at}|${i}`));
  return out;
}

async function exportedSchemas(): Promise<Set<unknown>> {
  const out = new Set<unknown>();
  for (const f of fs.readdirSync(SCHEMAS_DIR).filter((n) => n.endsWith('.ts'))) {
    const mod = (await import(pathToFileURL(path.join(SCHEMAS_DIR, f)).href)) as Record<string, unknown>;
    for (const v of Object.values(mod)) if (v && typeof v === 'object') out.add(v);
  }
  return out;
}

/** Each schema object a route declares, labelled by where it sits. */
function declaredParts(r: RouteOptions): [string, unknown][] {
  const s = r.schema as Record<string, unknown> | undefined;
  if (!s) return [];
  const parts: [string, unknown][] = [];
  for (const key of ['body', 'querystring', 'params', 'headers'] as const) {
    if (s[key] !== undefined) parts.push([key, s[key]]);
  }
  const response = s.response as Record<string, unknown> | undefined;
  for (const [status, v] of Object.entries(response ?? {})) parts.push([`response ${status}`, v]);
  return parts;
}

/** The routes of each module of apiRoutes, registered alone as buildApp registers them. */
async function routesByModule(): Promise<Map<string, RouteOptions[]>> {
  const out = new Map<string, RouteOptions[]>();
  for (const plugin of apiRoutes) {
    const app = Fastify();
    const seen: RouteOptions[] = [];
    app.addHook('onRoute', (r: RouteOptions) => {
      if (![r.method].flat().includes('HEAD')) seen.push(r);
    });
    await app.register(plugin, { prefix: '/api/v1' });
    await app.ready();
    await app.close();
    out.set(plugin.name, seen);
  }
  return out;
}

describe('API payload schemas', () => {
  it('every converted route module declares only schemas exported by src/http/schemas', async () => {
    const exported = await exportedSchemas();
    const modules = await routesByModule();
    for (const name of NOT_YET_CONVERTED) expect([...modules.keys()], name).toContain(name);
    const inline: string[] = [];
    for (const [name, routes] of modules) {
      if (NOT_YET_CONVERTED.has(name)) continue;
      expect(routes.length, name).toBeGreaterThan(0);
      for (const r of routes) {
        for (const [part, v] of declaredParts(r)) {
          if (!exported.has(v)) inline.push(`${name}: ${String(r.method)} ${r.url} ${part}`);
        }
      }
    }
    expect(inline).toEqual([]);
  });

  it('a module still on the allow-list really has an inline schema (take it off once converted)', async () => {
    const exported = await exportedSchemas();
    const modules = await routesByModule();
    for (const name of NOT_YET_CONVERTED) {
      const inline = modules.get(name)!.flatMap((r) => declaredParts(r).filter(([, v]) => !exported.has(v)));
      expect(inline.length, name).toBeGreaterThan(0);
    }
  });

  it('every non-file route answers its 2xx status through a response schema, with no loose object in it', async () => {
    const modules = await routesByModule();
    const missing: string[] = [];
    const loose: string[] = [];
    for (const [name, routes] of modules) {
      for (const r of routes) {
        const label = `${name}: ${String(r.method)} ${r.url}`;
        if (FILE_ROUTES.has(`${String(r.method)} ${r.url}`)) continue;
        const response = (r.schema as { response?: Record<string, unknown> } | undefined)?.response ?? {};
        const ok = Object.entries(response).filter(([status]) => /^2/.test(status));
        if (ok.length === 0) missing.push(label);
        for (const [status, schema] of ok) loose.push(...looseObjects(schema, `${label} ${status}`));
      }
    }
    expect(missing).toEqual([]);
    expect(loose).toEqual([]);
  });

  it('the file routes on that list exist (take a route off once it answers JSON)', async () => {
    const modules = await routesByModule();
    const all = [...modules.values()].flat().map((r) => `${String(r.method)} ${r.url}`);
    for (const f of FILE_ROUTES) expect(all, f).toContain(f);
  });

  it('a loose object in a response schema is caught, a closed or a declared map is not', () => {
    expect(looseObjects({ type: 'object' }, 'x')).toEqual(['x']);
    expect(
      looseObjects({ type: 'object', properties: { a: { type: 'array', items: { type: 'object' } } } }, 'x'),
    ).toEqual(['x.a[]']);
    expect(looseObjects({ type: 'object', properties: { a: { type: 'string' } } }, 'x')).toEqual([]);
    expect(looseObjects({ type: 'object', additionalProperties: { type: 'number' } }, 'x')).toEqual([]);
  });

  it('a route that declares an inline schema is caught', async () => {
    const exported = await exportedSchemas();
    const app = Fastify();
    const seen: RouteOptions[] = [];
    app.addHook('onRoute', (r: RouteOptions) => void seen.push(r));
    app.post('/x', { schema: { body: { type: 'object', properties: {} } } }, async () => ({}));
    await app.ready();
    await app.close();
    expect(declaredParts(seen[0]!).filter(([, v]) => !exported.has(v))).toHaveLength(1);
  });
});
