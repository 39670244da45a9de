// giamngheo report fund --period YEAR --unit CODE [--json] [--out FILE.xlsx|FILE.pdf]
// giamngheo report houses [--unit CODE] [--json] [--out FILE.xlsx|FILE.pdf]
// The Fatherland Front's reports (issue 16; docs/cli.md): the same documents the web app downloads
// (src/services/front/reports.service.ts), written to a file, or their table as JSON / text.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { AppError } from '../../errors.js';
import { SYSTEM } from '../../services/deps.js';
import { listFundsFor } from '../../services/front/fund.service.js';
import {
  fundStatement,
  housesReport,
  renderDocument,
  type FrontDocument,
} from '../../services/front/reports.service.js';
import { configFrom, EXIT, printJson, reportError, usage, withDeps, type Io } from '../runtime.js';
import type { Command } from '../main.js';
import { parseReportFlags } from './report-flags.js';

const OUT = /\.(xlsx|pdf)$/i;

/** Writes the document to `out` (its format from the extension), or prints its table. */
async function emit(io: Io, doc: FrontDocument, out: string | undefined, json: boolean): Promise<number> {
  if (out !== undefined) {
    const format = out.toLowerCase().endsWith('.pdf') ? 'pdf' : 'xlsx';
    fs.writeFileSync(out, await renderDocument(doc, format));
    if (json) printJson(io, { file: out, format });
    else io.stdout.write(`${out}\n`);
    return EXIT.OK;
  }
  const head = doc.table.head[doc.table.head.length - 1]!.map((c) => c.text);
  if (json) {
    printJson(io, {
      title: doc.header.title,
      unit: doc.header.unitName,
      date: doc.header.date,
      columns: head,
      rows: doc.table.rows,
    });
    return EXIT.OK;
  }
  io.stdout.write(`${doc.header.title}\n${doc.header.unitName}\n`);
  for (const r of doc.table.rows)
    io.stdout.write(
      `  ${r
        .map((c, i) => (c === null ? null : typeof c === 'number' && i > 1 ? `${head[i]}: ${c}` : String(c)))
        .filter((c) => c !== null)
        .join(' · ')}\n`,
    );
  return EXIT.OK;
}

const FUND_USAGE = 'report fund --period YEAR --unit CODE [--json] [--out FILE.xlsx|FILE.pdf]';

export const fundReportCommand: Command = {
  summary: 'Báo cáo thu, chi quỹ "Vì người nghèo" của năm / The Fund for the Poor’s yearly statement',
  usage: FUND_USAGE,
  async run(argv: string[], io: Io): Promise<number> {
    const flags = parseReportFlags(argv, 'fund', FUND_USAGE, io, ['out']);
    if (typeof flags === 'number') return flags;
    const out = flags.values.out as string | undefined;
    if (out !== undefined && !OUT.test(out)) throw usage(FUND_USAGE);
    const config = configFrom(io, { db: flags.values.db as string | undefined });
    return withDeps(io, config, async (deps) => {
      try {
        const funds = await listFundsFor(deps, SYSTEM, { year: String(flags.period) });
        const fund = funds.find((f) => f.unitCode === flags.unitCode);
        if (!fund)
          throw new AppError(
            'FRONT_FUND_NOT_FOUND',
            { id: `${flags.unitCode}/${flags.period}` },
            { field: 'unit' },
          );
        return await emit(io, await fundStatement(deps, SYSTEM, fund.id), out, flags.json);
      } catch (err) {
        return reportError(io, err, flags.json);
      }
    });
  },
};

const HOUSES_USAGE = 'report houses [--unit CODE] [--json] [--out FILE.xlsx|FILE.pdf]';

export const housesReportCommand: Command = {
  summary: 'Nhà Đại đoàn kết theo đơn vị / Great Solidarity houses per unit',
  usage: HOUSES_USAGE,
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        unit: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
        db: { type: 'string' },
      },
    });
    if (positionals[0] !== 'houses' || positionals.length > 1) throw usage(HOUSES_USAGE);
    if (values.out !== undefined && !OUT.test(values.out)) throw usage(HOUSES_USAGE);
    const json = values.json === true;
    const config = configFrom(io, { db: values.db });
    return withDeps(io, config, async (deps) => {
      try {
        const doc = await housesReport(deps, SYSTEM, values.unit ? { unitCode: values.unit } : {});
        return await emit(io, doc, values.out, json);
      } catch (err) {
        return reportError(io, err, json);
      }
    });
  },
};
