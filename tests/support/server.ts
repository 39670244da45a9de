// The product as an operator starts it: `node bin/giamngheo.js serve --db … --port …` in a child
// process, on a database prepared here with a signed-in officer. Used by the kill -9 import test
// and by `npm run bench -- health-under-import`.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { ensureReferenceData } from '../../src/services/reference-data.service.js';
import { loadConfig } from '../../src/config.js';
import type { Deps } from '../../src/services/deps.js';
import { REPO } from './cli.js';
import { buildSession } from './builders.js';
import { migratedPostgresDb } from './db.js';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface ServerDb {
  /** What `serve --db` is given. */
  location: string;
  /** A connection of this process to the same database (real clock). */
  deps: Deps;
  /** Cookie and CSRF headers of a province officer of Thanh Hóa (38). */
  auth: Record<string, string>;
  dir: string;
  dispose(): Promise<void>;
}

/** A migrated database (an SQLite file, or a fresh PostgreSQL database) with a signed-in officer. */
export async function prepareServerDb(dialect: 'sqlite' | 'postgres'): Promise<ServerDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-served-'));
  let drop: (() => Promise<void>) | undefined;
  let db;
  if (dialect === 'sqlite') {
    db = openDb(path.join(dir, 'served.sqlite'));
    await migrateToLatest(db);
    await ensureReferenceData(db);
  } else {
    const fresh = await migratedPostgresDb();
    db = fresh.db;
    drop = fresh.drop;
  }
  // The server reads the session with the real clock.
  const deps: Deps = { db, config: loadConfig({}, { db: db.location }), now: () => new Date() };
  const s = await buildSession(deps, { role: 'province-officer', unitCode: '38' });
  return {
    location: db.location,
    deps,
    auth: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    dir,
    dispose: async () => {
      if (drop) await drop();
      else await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Server {
  url: string;
  child: ChildProcess;
  /** SIGTERM, and waits for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: no handler runs, nothing is flushed. */
  kill9(): Promise<void>;
}

/** Starts `giamngheo serve` on the database and waits until /api/health answers. */
export async function startServer(location: string, env: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let stderr = '';
  const child = spawn(
    process.execPath,
    ['bin/giamngheo.js', 'serve', '--db', location, '--port', String(port), '--host', '127.0.0.1'],
    {
      cwd: REPO,
      env: { ...process.env, GIAMNGHEO_LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      await exited;
    }
  };
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`giamngheo serve exited ${child.exitCode}:\n${stderr}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await end('SIGKILL');
      throw new Error(`giamngheo serve did not answer /api/health in time:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, child, stop: () => end('SIGTERM'), kill9: () => end('SIGKILL') };
}

/** POSTs a survey file to /registry/imports as multipart (streamed from disk). */
export async function uploadSurvey(
  server: Server,
  auth: Record<string, string>,
  file: string,
  fields: Record<string, string> = { mode: 'atomic' },
): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('file', await fs.openAsBlob(file), path.basename(file));
  return fetch(`${server.url}/api/v1/registry/imports`, { method: 'POST', body: form, headers: auth });
}
