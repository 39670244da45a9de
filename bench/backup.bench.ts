// npm run bench -- backup [--households N] [--seed S] [--dir DIR] [--keep]
//
// With --dir, the generated registry (source.sqlite) is kept and reused by the next run of the same
// N and seed, so the backup can be measured again without an import of a million households.
// Backup, verify and restore of a registry of N generated households (default 1,000,000; about
// 3.5 members and one review result each), imported into a fresh SQLite file as the CLI does.
// Measured: `backup` (the logical, checksummed gzip'd JSON-lines file of every table, read from
// one snapshot, as `giamngheo backup --keep` writes it), `restore --verify` of that file (no
// database), and `restore` into another fresh database. Baselines in the same run on the same
// file: a bare copy of the database file (cp, the server stopped) and SQLite's online backup API
// (better-sqlite3 `.backup()`, what `sqlite3 .backup` does).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openDeps, processIo } from '../src/cli/runtime.js';
import { SYSTEM, type Deps } from '../src/services/deps.js';
import { generateSurveyFile } from '../src/services/registry/generate.service.js';
import { importSurvey } from '../src/services/registry/import.service.js';
import { backupInto, restore, verifyBackup } from '../src/services/backup.service.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    households: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: 'bench' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const N = Number(values.households);
const dir = values.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gn-bench-backup-'));
fs.mkdirSync(dir, { recursive: true });
const io = {
  ...processIo(),
  stderr: new (class extends (await import('node:stream')).Writable {
    override _write(_c: unknown, _e: unknown, cb: () => void) {
      cb();
    }
  })(),
};
const log = (msg: string) => console.log(msg);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const seconds = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

async function freshDeps(name: string): Promise<Deps> {
  const file = path.join(dir, name);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  return openDeps(io, loadConfig({}, { db: file, backupDir: path.join(dir, 'upgrade-backups') }));
}

log(`giamngheo backup benchmark: ${N.toLocaleString('en')} households, seed ${values.seed}, in ${dir}`);
log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}`,
);

const input = path.join(dir, `households-${N}.jsonl`);
const marker = path.join(dir, `source-${N}-${values.seed}.done`);
const reuse = fs.existsSync(marker) && fs.existsSync(path.join(dir, 'source.sqlite'));
const deps = reuse
  ? await openDeps(
      io,
      loadConfig({}, { db: path.join(dir, 'source.sqlite'), backupDir: path.join(dir, 'upgrade-backups') }),
    )
  : await freshDeps('source.sqlite');
if (reuse) log('registry: reused from an earlier run (source.sqlite)');
else {
  let t = performance.now();
  await generateSurveyFile(deps, {
    households: N,
    provinceCode: '38',
    period: 2024,
    seed: values.seed,
    out: input,
  });
  log(`generate: ${seconds(t)}`);
  t = performance.now();
  const r = await importSurvey(
    deps,
    SYSTEM,
    { format: 'jsonl', path: input },
    { status: 'approved', mode: 'atomic', writer: 'auto' },
  );
  if (r.imported !== N) throw new Error(`imported ${r.imported} of ${N}`);
  log(`import: ${seconds(t)}`);
  deps.db.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
  fs.writeFileSync(marker, '');
  fs.rmSync(input, { force: true });
}
const dbFile = path.join(dir, 'source.sqlite');
log(`database file: ${mb(fs.statSync(dbFile).size)}`);

// ── baselines ────────────────────────────────────────────────────────────────
let t = performance.now();
fs.copyFileSync(dbFile, path.join(dir, 'copy.sqlite'));
const copyS = (performance.now() - t) / 1000;
log(`baseline cp of the database file: ${copyS.toFixed(1)} s`);
t = performance.now();
await deps.db.sqlite!.backup(path.join(dir, 'online.sqlite'));
const onlineS = (performance.now() - t) / 1000;
log(`baseline SQLite online backup (.backup): ${onlineS.toFixed(1)} s`);

// ── the product ──────────────────────────────────────────────────────────────
t = performance.now();
const b = await backupInto(deps, path.join(dir, 'backups'), 2);
const backupS = (performance.now() - t) / 1000;
log(
  `backup --keep (logical, checksummed): ${backupS.toFixed(1)} s, ${b.rows.toLocaleString('en')} rows, ${mb(fs.statSync(b.file).size)} gzip`,
);
t = performance.now();
const v = await verifyBackup(b.file);
const verifyS = (performance.now() - t) / 1000;
if (v.rows !== b.rows) throw new Error(`verify counted ${v.rows} rows of ${b.rows}`);
log(`restore --verify: ${verifyS.toFixed(1)} s`);
await deps.db.close();
const target = await freshDeps('restored.sqlite');
t = performance.now();
const r = await restore(target, b.file);
const restoreS = (performance.now() - t) / 1000;
if (r.rows !== b.rows) throw new Error(`restored ${r.rows} rows of ${b.rows}`);
log(`restore into a fresh database: ${restoreS.toFixed(1)} s`);
await target.db.close();
log(
  `ratios: backup ${(backupS / onlineS).toFixed(1)}× the online backup, ${(backupS / copyS).toFixed(1)}× cp; ` +
    `verify ${(verifyS / onlineS).toFixed(1)}× the online backup; restore ${(restoreS / onlineS).toFixed(1)}× the online backup`,
);
if (!values.keep && !values.dir) fs.rmSync(dir, { recursive: true, force: true });
