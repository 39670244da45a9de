// giamngheo import survey FILE … / giamngheo report summary … (contracts/cli.md)
import { parseArgs } from 'node:util';
import { SYSTEM } from '../../services/deps.js';
import { importSurvey, sourceOf } from '../../services/registry/import.service.js';
import { reportSummary } from '../../services/registry/summary.service.js';
import { configFrom, EXIT, printJson, progress, reportError, usage, withDeps, type Io } from '../runtime.js';
import type { Command } from '../main.js';

import { parseReportFlags, yearFlag } from './report-flags.js';

export const importCommand: Command = {
  summary: 'Nhập kết quả rà soát (JSONL, CSV, XLSX) / Import survey results',
  usage:
    'import survey FILE [--members FILE] [--period YEAR] [--status draft|approved] [--mode atomic|valid-rows] [--errors FILE] [--json]',
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        period: { type: 'string' },
        status: { type: 'string' },
        mode: { type: 'string' },
        members: { type: 'string' },
        errors: { type: 'string' },
        json: { type: 'boolean', default: false },
        db: { type: 'string' },
      },
    });
    const [sub, file] = positionals;
    if (sub !== 'survey' || !file || positionals.length > 2) throw usage(this.usage);
    const status = values.status ?? 'approved';
    if (status !== 'draft' && status !== 'approved') throw usage('--status draft|approved');
    const mode = values.mode ?? 'atomic';
    if (mode !== 'atomic' && mode !== 'valid-rows') throw usage('--mode atomic|valid-rows');
    const period = yearFlag(values.period, '--period');
    const config = configFrom(io, values);
    const json = values.json === true;
    return withDeps(io, config, async (deps) => {
      const log = progress(io);
      const started = Date.now();
      const report = await importSurvey(deps, SYSTEM, sourceOf(file, values.members), {
        mode,
        status,
        ...(period !== undefined ? { period } : {}),
        ...(values.errors ? { errorReport: values.errors } : {}),
        progress: (n) => log(`… ${n} bản ghi / records`),
        // The command does nothing else meanwhile: a large file is written from a second thread.
        writer: 'auto',
      });
      const { read, imported, rejected, errors } = report;
      if (json) printJson(io, { read, imported, rejected, errors });
      else {
        io.stdout.write(`Đọc / read ${read}, nhập / imported ${imported}, từ chối / rejected ${rejected}\n`);
        for (const e of errors)
          io.stdout.write(
            `  dòng / line ${e.line} ${e.householdId ?? '—'} ${e.field} ${e.code}: ${e.message}\n`,
          );
      }
      log(
        `Nhập xong trong ${((Date.now() - started) / 1000).toFixed(1)} s (tạo mới ${report.created}, cập nhật ${report.updated})` +
          (report.errorReport ? `; báo cáo lỗi / error report: ${report.errorReport.join(', ')}` : ''),
      );
      return rejected > 0 || errors.length > 0 ? EXIT.REJECTED : EXIT.OK;
    });
  },
};

export const reportCommand: Command = {
  summary: 'Số liệu tổng hợp hộ nghèo, cận nghèo / Summary counts',
  usage: 'report summary --period YEAR --unit CODE [--units-on DATE] [--json]',
  async run(argv: string[], io: Io): Promise<number> {
    const flags = parseReportFlags(argv, 'summary', this.usage, io);
    if (typeof flags === 'number') return flags;
    const { json, period, unitsOn } = flags;
    const config = configFrom(io, { db: flags.values.db as string | undefined });
    return withDeps(io, config, async (deps) => {
      try {
        const s = await reportSummary(deps, SYSTEM, {
          period,
          unitCode: flags.unitCode,
          ...(unitsOn ? { unitsOn } : {}),
        });
        if (json) printJson(io, s);
        else {
          const pct = (x: number | null) =>
            x === null ? 'chưa có số hộ dân cư' : `${(x * 100).toFixed(2).replace('.', ',')}%`;
          const line = (r: typeof s, indent: string) =>
            `${indent}${r.unit.code} ${r.unit.name}: ${r.households} hộ đã rà soát, hộ dân cư ${r.residentHouseholds ?? '—'}, nghèo ${r.poor} (${pct(r.poorRate)}), cận nghèo ${r.nearPoor} (${pct(r.nearPoorRate)}), trung bình ${r.average}\n`;
          io.stdout.write(line(s, ''));
          for (const c of s.children) io.stdout.write(line({ ...c, children: [] }, '  '));
        }
        return EXIT.OK;
      } catch (err) {
        return reportError(io, err, json);
      }
    });
  },
};
