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
