// Program finance on the command line:
//   giamngheo report finance --year YEAR --unit CODE [--as-of DATE] --json
//   giamngheo finance import allocations|disbursements FILE.xlsx --json
//   giamngheo finance proposal --year YEAR --unit CODE --out FILE.xlsx|FILE.pdf
//   giamngheo finance rebuild --json
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { AppError } from '../../errors.js';
import { formatDateVn, isIsoDate } from '../../domain/dates.js';
import { formatPercent, formatVnd } from '../../domain/format.js';
import { SYSTEM } from '../../services/deps.js';
import { financeReport } from '../../services/finance/report.service.js';
import { importAllocations, importDisbursements } from '../../services/finance/import.service.js';
import { buildProposal, proposalPdf, proposalXlsx } from '../../services/finance/documents.service.js';
import { rebuildAllocationAggregates } from '../../services/finance/allocations.service.js';
import { configFrom, EXIT, printJson, reportError, usage, withDeps, type Io } from '../runtime.js';
import { wordOfCode } from '../../domain/words/catalogue.js';
import type { Command } from '../main.js';

function yearOf(value: string | undefined, flag: string): number {
  if (value === undefined || !/^\d{4}$/.test(value)) throw usage(`${flag} YYYY`);
  return Number(value);
}

export const reportFinanceCommand: Command = {
  summary: 'Phân bổ, giải ngân theo dự án và nguồn vốn / Allocation and disbursement per project and source',
  usage: 'report finance --year YEAR --unit CODE [--as-of DATE] [--json]',
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        year: { type: 'string' },
        unit: { type: 'string' },
        'as-of': { type: 'string' },
        json: { type: 'boolean', default: false },
        db: { type: 'string' },
      },
    });
    const json = values.json === true;
    if (positionals[0] !== 'finance' || positionals.length > 1 || !values.unit) throw usage(this.usage);
    const year = yearOf(values.year, '--year');
    const asOf = values['as-of'];
    if (asOf !== undefined && !isIsoDate(asOf)) {
      reportError(
        io,
        new AppError('DATE_INVALID', { field: '--as-of', value: asOf }, { field: 'asOf' }),
        json,
      );
      return EXIT.USAGE;
    }
    return withDeps(io, configFrom(io, values), async (deps) => {
      try {
        const r = await financeReport(deps, SYSTEM, {
          year,
          unitCode: values.unit,
          ...(asOf ? { asOf } : {}),
        });
        if (json) printJson(io, r);
        else {
          io.stdout.write(
            `${r.unit.code} ${r.unit.name} — năm ${r.year} (đến ngày ${formatDateVn(r.asOf)})\n`,
          );
          for (const row of r.rows) {
            io.stdout.write(
              `  ${row.projectCode.padEnd(6)} ${wordOfCode('fundSource', row.source, 'vi').padEnd(22)} kế hoạch ${formatVnd(row.planned)} · giải ngân ${formatVnd(row.disbursed)} (${formatPercent(row.rate, 1)}) · hạn ${formatDateVn(row.deadline)}${row.atRisk ? ' · CÓ NGUY CƠ / AT RISK' : ''}\n`,
            );
          }
          io.stdout.write(
            `  Tổng / total: ${formatVnd(r.total.planned)} · ${formatVnd(r.total.disbursed)} (${formatPercent(r.total.rate, 1)})\n`,
          );
        }
        return EXIT.OK;
      } catch (err) {
        return reportError(io, err, json);
      }
    });
  },
};

export const financeCommand: Command = {
  summary: 'Nhập Excel phân bổ/giải ngân, đề xuất dừng/điều chuyển vốn / Finance import and proposal',
  usage: 'finance import allocations|disbursements FILE | proposal --year Y --unit C --out F | rebuild',
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        year: { type: 'string' },
        unit: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
        db: { type: 'string' },
      },
    });
    const json = values.json === true;
    const [sub, kind, file] = positionals;
    if (sub === 'import') {
      if ((kind !== 'allocations' && kind !== 'disbursements') || !file || positionals.length > 3)
        throw usage(this.usage);
      let data: Buffer;
      try {
        data = fs.readFileSync(file);
      } catch {
        return reportError(io, new AppError('FILE_NOT_FOUND', { path: file }, { field: 'file' }), json);
      }
      return withDeps(io, configFrom(io, values), async (deps) => {
        try {
          const r =
            kind === 'allocations'
              ? await importAllocations(deps, SYSTEM, data)
              : await importDisbursements(deps, SYSTEM, data);
          if (json) printJson(io, r);
          else io.stdout.write(`Đã nhập / imported ${r.imported}/${r.read} dòng / rows\n`);
          return EXIT.OK;
        } catch (err) {
          if (err instanceof AppError && err.code === 'IMPORT_ROWS_INVALID') {
            const body = err.toJSON('vi');
            if (json) printJson(io, { kind: body.kind, read: body.read, imported: 0, errors: body.errors });
            for (const e of body.errors as {
              row: number;
              code: string;
              field: string | null;
              message: string;
            }[]) {
              io.stderr.write(
                `dòng / row ${e.row}: ${e.code}${e.field ? ` (${e.field})` : ''}: ${e.message}\n`,
              );
            }
            return EXIT.REJECTED;
          }
          return reportError(io, err, json);
        }
      });
    }
    if (sub === 'proposal') {
      if (!values.unit || !values.out || positionals.length > 1) throw usage(this.usage);
      const year = yearOf(values.year, '--year');
      const out = values.out;
      if (!/\.(xlsx|pdf)$/i.test(out)) throw usage('--out FILE.xlsx | FILE.pdf');
      return withDeps(io, configFrom(io, values), async (deps) => {
        try {
          const p = await buildProposal(deps, SYSTEM, { year, unitCode: values.unit });
          fs.writeFileSync(out, /\.pdf$/i.test(out) ? await proposalPdf(p) : await proposalXlsx(p));
          if (json)
            printJson(io, { file: out, lines: p.lines.length, total: p.total, totalInWords: p.totalInWords });
          else
            io.stdout.write(
              `${out}: ${p.lines.length} nội dung, ${formatVnd(p.total)} (${p.totalInWords})\n`,
            );
          return EXIT.OK;
        } catch (err) {
          return reportError(io, err, json);
        }
      });
    }
    if (sub === 'rebuild') {
      return withDeps(io, configFrom(io, values), async (deps) => {
        try {
          const r = await rebuildAllocationAggregates(deps, SYSTEM);
          if (json) printJson(io, r);
          else
            io.stdout.write(
              `Đã kiểm tra / checked ${r.checked}; sửa / corrected: ${r.corrected.join(', ') || '—'}\n`,
            );
          return EXIT.OK;
        } catch (err) {
          return reportError(io, err, json);
        }
      });
    }
    throw usage(this.usage);
  },
};
