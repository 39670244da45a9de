// giamngheo backup FILE | backup --keep N DIR / giamngheo restore FILE | restore --verify FILE
import { parseArgs } from 'node:util';
import { backup, backupInto, restore, verifyBackup } from '../../services/backup.service.js';
import { configFrom, EXIT, printJson, progress, usage, withDeps, type Io } from '../runtime.js';
import type { Command } from '../main.js';

const options = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
  keep: { type: 'string' },
  verify: { type: 'boolean', default: false },
} as const;

export const backupCommand: Command = {
  summary:
    'Sao lưu toàn bộ dữ liệu (khi máy chủ đang chạy); --keep N: vào thư mục, giữ N bản mới nhất / Back up the whole database; --keep N: timestamped into DIR, newest N kept',
  usage: 'backup FILE | backup --keep N DIR [--db PATH|URL] [--json]',
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options });
    const [target] = positionals;
    if (!target || positionals.length !== 1 || values.verify) throw usage(this.usage);
    if (values.keep !== undefined) {
      const keep = /^\d+$/.test(values.keep) ? Number(values.keep) : Number.NaN;
      const r = await withDeps(io, configFrom(io, values), (deps) =>
        backupInto(deps, target, keep, progress(io)),
      );
      if (values.json) printJson(io, r);
      else {
        io.stderr.write(`Đã sao lưu / Backed up ${r.rows} rows of ${r.tables} tables to ${r.file}\n`);
        for (const f of r.removed) io.stderr.write(`Đã xoá bản cũ / Removed old backup ${f}\n`);
      }
      return EXIT.OK;
    }
    const r = await withDeps(io, configFrom(io, values), (deps) => backup(deps, target, progress(io)));
    if (values.json) printJson(io, { file: target, ...r });
    else io.stderr.write(`Đã sao lưu / Backed up ${r.rows} rows of ${r.tables} tables to ${target}\n`);
    return EXIT.OK;
  },
};

export const restoreCommand: Command = {
  summary:
    'Khôi phục từ bản sao lưu (thay toàn bộ dữ liệu); --verify: chỉ kiểm tra tệp / Restore a backup (replaces all data); --verify: check the file only',
  usage: 'restore FILE [--db PATH|URL] | restore --verify FILE [--json]',
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options });
    const [file] = positionals;
    if (!file || positionals.length !== 1 || values.keep !== undefined) throw usage(this.usage);
    if (values.verify) {
      // No database is opened (nor created, nor migrated): the check reads the file alone.
      const r = await verifyBackup(file);
      if (values.json) printJson(io, r);
      else
        io.stderr.write(
          [
            `Bản sao lưu hợp lệ / Backup is valid: ${file}`,
            `  tạo lúc / created: ${r.createdAt} (${r.dialect})`,
            `  cấu trúc / schema: ${r.schema ?? '-'}${r.schemaCurrent ? '' : ' (cũ hơn phiên bản này / older than this version)'}`,
            `  ${r.tables} bảng / tables, ${r.rows} dòng / rows${r.checksums ? ', mã kiểm tra khớp / checksums match' : ' (định dạng 1: không có mã kiểm tra / format 1: no checksums)'}`,
            '',
          ].join('\n'),
        );
      return EXIT.OK;
    }
    const r = await withDeps(io, configFrom(io, values), (deps) => restore(deps, file, progress(io)));
    if (values.json) printJson(io, { file, ...r });
    else io.stderr.write(`Đã khôi phục / Restored ${r.rows} rows from ${file}\n`);
    return EXIT.OK;
  },
};
