// Issue 17 / decision 0038: the reverse-proxy examples in deploy/ are checked by the proxies
// themselves (`caddy validate`, `nginx -t`), then run for real in front of the app configured by the
// shipped environment file (GIAMNGHEO_TRUST_PROXY), to prove what the app then believes: a client's
// own X-Forwarded-For never reaches it (the app logs the proxy's peer address, not the forged one),
// /metrics is not served through the proxy, and the proxy's access log keeps no query string.
// Only addresses, ports and file locations are changed for the run (no TLS certificate authority
// here: nginx gets a self-signed certificate, Caddy serves plain HTTP on the loopback).
// The tests are skipped without the tools; CI installs them (.ci/run), and a skipped test fails
// there (GIAMNGHEO_REQUIRE_ALL=1).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { makeDeps, type TestDeps } from '../support/db.js';
import { freePort } from '../support/server.js';
import { REPO } from '../support/cli.js';

const deploy = (f: string) => path.join(REPO, 'deploy', f);
const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' }).status === 0;
const haveCaddy = has('caddy', ['version']);
const haveNginx = has('nginx', ['-v']);
const haveOpenssl = has('openssl', ['version']);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-proxy-'));
const FORGED = '203.0.113.9';
const SEARCH = 'q=nguyen%20van%20kien';

/** The settings of deploy/giamngheo.env, as systemd hands them to the app. */
function shippedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of fs.readFileSync(deploy('giamngheo.env'), 'utf8').split('\n')) {
    const m = /^(GIAMNGHEO_[A-Z_]+)=(.*)$/.exec(line);
    if (m) env[m[1]!] = m[2]!.replace(/^"(.*)"$/, '$1');
  }
  return env;
}

interface Answer {
  status: number;
  body: string;
}

function get(url: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const lib = url.startsWith('https:') ? https : http;
    const req = lib.get(url, { headers, rejectUnauthorized: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

/** Polls until the proxy answers (it binds its port a moment after starting). */
async function whenUp(url: string, proc: ChildProcess, err: () => string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (proc.exitCode !== null) throw new Error(`proxy exited: ${err()}`);
    try {
      await get(url, {});
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`proxy did not start: ${err()}`);
}

let deps: TestDeps;
let app: FastifyInstance;
let appPort: number;
let log = '';

beforeAll(async () => {
  const base = await makeDeps('sqlite');
  // The app as the shipped environment file configures it (proxy trust, metrics on loopback).
  deps = { ...base, config: loadConfig(shippedEnv(), { db: base.db.location }) };
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      log += chunk.toString('utf8');
      cb();
    },
  });
  app = await buildApp(deps, { logger: { level: 'info', stream } });
  appPort = await freePort();
  await app.listen({ host: '127.0.0.1', port: appPort });
}, 120_000);

afterAll(async () => {
  await app.close();
  await deps.cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The client addresses the app logged for requests to `path` since `from` (its view of req.ip). */
function loggedAddresses(from: number, urlPart: string): string[] {
  return log
    .slice(from)
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { req?: { url?: string; remoteAddress?: string } })
    .filter((e) => e.req?.url?.includes(urlPart))
    .map((e) => e.req!.remoteAddress!);
}

describe('the app trusts X-Forwarded-For from the configured proxies only', () => {
  it('believes a forged header sent straight from the loopback (so the proxies must replace it)', async () => {
    expect(deps.config.trustProxy).toEqual(['127.0.0.1', '::1']);
    const from = log.length;
    const r = await get(`http://127.0.0.1:${appPort}/api/health`, { 'x-forwarded-for': FORGED });
    expect(r.status).toBe(200);
    expect(loggedAddresses(from, '/api/health')).toEqual([FORGED]);
  });
});

describe('deploy/Caddyfile', () => {
  it.skipIf(!haveCaddy)('passes `caddy validate` (skipped: caddy not installed)', () => {
    const r = spawnSync('caddy', ['validate', '--adapter', 'caddyfile', '--config', deploy('Caddyfile')], {
      encoding: 'utf8',
      env: { ...process.env, HOME: tmp, XDG_DATA_HOME: tmp, XDG_CONFIG_HOME: tmp },
    });
    expect({ status: r.status, out: r.stdout.trim() }).toEqual({ status: 0, out: 'Valid configuration' });
  });

  it.skipIf(!haveCaddy)(
    'replaces a forged X-Forwarded-For, hides /metrics and logs no query (skipped: caddy not installed)',
    { timeout: 60_000 },
    async () => {
      const port = await freePort();
      const example = fs.readFileSync(deploy('Caddyfile'), 'utf8');
      const site = /^giamngheo\.thanhhoa\.gov\.vn \{/m;
      expect(example).toMatch(site);
      const conf = path.join(tmp, 'Caddyfile');
      fs.writeFileSync(
        conf,
        `{\n\tadmin off\n}\n${example
          .replace(site, `http://127.0.0.1:${port} {`)
          .replace('reverse_proxy 127.0.0.1:8080', `reverse_proxy 127.0.0.1:${appPort}`)}`,
      );
      let err = '';
      const proc = spawn('caddy', ['run', '--adapter', 'caddyfile', '--config', conf], {
        env: { ...process.env, HOME: tmp, XDG_DATA_HOME: tmp, XDG_CONFIG_HOME: tmp },
      });
      proc.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
      try {
        await whenUp(`http://127.0.0.1:${port}/api/health`, proc, () => err);
        const from = log.length;
        const health = await get(`http://127.0.0.1:${port}/api/health?${SEARCH}`, {
          'x-forwarded-for': FORGED,
        });
        expect(health.status).toBe(200);
        expect(loggedAddresses(from, '/api/health')).toEqual(['127.0.0.1']);
        expect((await get(`http://127.0.0.1:${port}/metrics`, {})).status).toBe(404);
        // The same scrape straight from the loopback is served (GIAMNGHEO_METRICS=local).
        expect((await get(`http://127.0.0.1:${appPort}/metrics`, {})).status).toBe(200);
        expect(err).toContain('/api/health');
        expect(err).not.toContain('nguyen');
      } finally {
        proc.kill('SIGTERM');
      }
    },
  );
});

describe('deploy/nginx.conf', () => {
  let conf = '';
  let port = 0;
  beforeAll(async () => {
    if (!haveNginx || !haveOpenssl) return;
    // A self-signed certificate where the example names the province's, logs in the test folder.
    const cert = path.join(tmp, 'fullchain.pem');
    const key = path.join(tmp, 'privkey.pem');
    const r = spawnSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost'].concat([
        '-keyout',
        key,
        '-out',
        cert,
      ]),
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    port = await freePort();
    const redirect = await freePort();
    const example = fs.readFileSync(deploy('nginx.conf'), 'utf8');
    const site = example
      .replace(/^\s*listen \[::\]:\d+.*$/gm, '')
      .replace(/listen 80;/, `listen 127.0.0.1:${redirect};`)
      .replace(/listen 443 /, `listen 127.0.0.1:${port} `)
      .replaceAll('/etc/letsencrypt/live/giamngheo.thanhhoa.gov.vn/fullchain.pem', cert)
      .replaceAll('/etc/letsencrypt/live/giamngheo.thanhhoa.gov.vn/privkey.pem', key)
      .replaceAll('/var/log/nginx/', `${tmp}/`)
      .replace('proxy_pass http://127.0.0.1:8080;', `proxy_pass http://127.0.0.1:${appPort};`);
    expect(site).toContain(`proxy_pass http://127.0.0.1:${appPort};`);
    fs.writeFileSync(path.join(tmp, 'site.conf'), site);
    // The frame Debian's /etc/nginx/nginx.conf gives a file of sites-enabled/.
    conf = path.join(tmp, 'nginx.conf');
    fs.writeFileSync(
      conf,
      [
        `pid ${tmp}/nginx.pid;`,
        `error_log ${tmp}/error.log;`,
        'events {}',
        'http {',
        `  client_body_temp_path ${tmp}/body;`,
        `  proxy_temp_path ${tmp}/proxy;`,
        `  include ${tmp}/site.conf;`,
        '}',
        '',
      ].join('\n'),
    );
  });

  it.skipIf(!haveNginx || !haveOpenssl)('passes `nginx -t` (skipped: nginx or openssl not installed)', () => {
    const r = spawnSync('nginx', ['-t', '-p', tmp, '-c', conf], { encoding: 'utf8' });
    expect({ status: r.status, stderr: r.stderr }).toMatchObject({ status: 0 });
    expect(r.stderr).toContain('test is successful');
    expect(r.stderr).not.toMatch(/\[warn\]/);
  });

  it.skipIf(!haveNginx || !haveOpenssl)(
    'replaces a forged X-Forwarded-For, hides /metrics and logs no query (skipped: nginx or openssl not installed)',
    { timeout: 60_000 },
    async () => {
      let err = '';
      const proc = spawn('nginx', ['-p', tmp, '-c', conf, '-g', 'daemon off;']);
      proc.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
      try {
        await whenUp(`https://127.0.0.1:${port}/api/health`, proc, () => err);
        const from = log.length;
        const health = await get(`https://127.0.0.1:${port}/api/health?${SEARCH}`, {
          'x-forwarded-for': FORGED,
        });
        expect(health.status).toBe(200);
        expect(loggedAddresses(from, '/api/health')).toEqual(['127.0.0.1']);
        expect((await get(`https://127.0.0.1:${port}/metrics`, {})).status).toBe(404);
      } finally {
        proc.kill('SIGTERM');
        await new Promise((r) => proc.once('exit', r));
      }
      const access = fs.readFileSync(path.join(tmp, 'giamngheo.access.log'), 'utf8');
      expect(access).toContain('GET /api/health ');
      expect(access).not.toContain('nguyen');
    },
  );
});
