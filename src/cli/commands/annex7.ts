// giamngheo report annex7 --period YEAR --unit CODE [--units-on DATE] [--json]
//   [--table area|ethnic|groups|deprivation --out FILE.xlsx|.pdf]   (issue 12; docs/cli.md)
import fs from 'node:fs';
import { ANNEX7_TABLES, type Annex7Table } from '../../domain/reports/annex7.js';
import { formatPercent } from '../../domain/format.js';
import { rateOf } from '../../domain/registry/balance.js';
import { wordOf } from '../../domain/words/catalogue.js';
import { SYSTEM } from '../../services/deps.js';
import { reportAnnex7 } from '../../services/registry/annex7.service.js';
import { annex7Pdf, annex7Xlsx } from '../../services/registry/annex7-documents.service.js';
import type { Annex7Figures } from '../../domain/reports/annex7.js';
import { configFrom, EXIT, printJson, reportError, usage, withDeps, type Io } from '../runtime.js';
import type { Command } from '../main.js';
import { parseReportFlags } from './report-flags.js';

const USAGE = `report annex7 --period YEAR --unit CODE [--units-on DATE] [--json] [--table ${ANNEX7_TABLES.join('|')} --out FILE.xlsx|FILE.pdf]`;

export const annex7Command: Command = {
  summary: 'Biểu Phụ lục VII: hộ nghèo, cận nghèo theo khu vực, DTTS, nhóm hộ, chỉ số / The Annex VII tables',
  usage: USAGE,
  async run(argv: string[], io: Io): Promise<number> {
    const flags = parseReportFlags(argv, 'annex7', USAGE, io, ['table', 'out']);
    if (typeof flags === 'number') return flags;
    const table = flags.values.table as string | undefined;
    const out = flags.values.out as string | undefined;
    if ((table === undefined) !== (out === undefined)) throw usage(USAGE);
    if (table !== undefined && !(ANNEX7_TABLES as readonly string[]).includes(table)) throw usage(USAGE);
    if (out !== undefined && !/\.(xlsx|pdf)$/i.test(out)) throw usage(USAGE);
    const { json } = flags;
    const config = configFrom(io, { db: flags.values.db as string | undefined });
    return withDeps(io, config, async (deps) => {
      try {
        const a = await reportAnnex7(deps, SYSTEM, {
          period: flags.period,
          unitCode: flags.unitCode,
          ...(flags.unitsOn ? { unitsOn: flags.unitsOn } : {}),
        });
        if (out !== undefined) {
          const t = table as Annex7Table;
          fs.writeFileSync(
            out,
            /\.pdf$/i.test(out) ? await annex7Pdf(deps, a, t) : await annex7Xlsx(deps, a, t),
          );
          if (json) printJson(io, { file: out, table: t });
          else io.stdout.write(`${out}\n`);
          return EXIT.OK;
        }
        if (json) printJson(io, a);
        else {
          const pct = (n: number, of: number | null) => {
            const r = rateOf(n, of);
            return r === null ? 'chưa có số hộ dân cư' : formatPercent(r, 2);
          };
          const line = (label: string, f: Annex7Figures) =>
            `${label}: hộ dân cư ${f.residentHouseholds ?? '—'}, nghèo ${f.poor} (${pct(f.poor, f.residentHouseholds)}), cận nghèo ${f.nearPoor} (${pct(f.nearPoor, f.residentHouseholds)}), DTTS nghèo ${f.groups['ethnic-minority'].poor}, cận nghèo ${f.groups['ethnic-minority'].nearPoor}\n`;
          io.stdout.write(`${a.unit.code} ${a.unit.name}, kỳ ${a.period}\n`);
          for (const ar of a.areas) io.stdout.write(line(`  ${wordOf('annex7Area', ar.area, 'vi')}`, ar));
          for (const r of a.rows) io.stdout.write(line(`  ${r.unit.code} ${r.unit.name}`, r));
          io.stdout.write(line('  Tổng cộng', a.total));
        }
        return EXIT.OK;
      } catch (err) {
        return reportError(io, err, json);
      }
    });
  },
};
