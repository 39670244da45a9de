// giamngheo backup FILE / giamngheo restore FILE
import { parseArgs } from 'node:util';
import { backup, restore } from '../../services/backup.service.js';
import { configFrom, EXIT, printJson, progress, usage, withDeps, type Io } from '../runtime.js';
import type { Command } from '../main.js';

const options = { db: { type: 'string' }, json: { type: 'boolean', default: false } } as const;

export const backupCommand: Command = {
  summary: 'Sao lưu toàn bộ dữ liệu (khi máy chủ đang chạy) / Back up the whole database',
  usage: 'backup FILE [--db PATH|URL] [--json]',
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options });
    const [file] = positionals;
    if (!file || positionals.length !== 1) throw usage(this.usage);
    const r = await withDeps(io, configFrom(io, values), (deps) => backup(deps, file, progress(io)));
    if (values.json) printJson(io, { file, ...r });
    else io.stderr.write(`Đã sao lưu / Backed up ${r.rows} rows of ${r.tables} tables to ${file}\n`);
    return EXIT.OK;
  },
};

export const restoreCommand: Command = {
  summary: 'Khôi phục từ bản sao lưu / Restore a backup (replaces all data)',
  usage: 'restore FILE [--db PATH|URL] [--json]',
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options });
    const [file] = positionals;
    if (!file || positionals.length !== 1) throw usage(this.usage);
    const r = await withDeps(io, configFrom(io, values), (deps) => restore(deps, file, progress(io)));
    if (values.json) printJson(io, { file, ...r });
    else io.stderr.write(`Đã khôi phục / Restored ${r.rows} rows from ${file}\n`);
    return EXIT.OK;
  },
};
