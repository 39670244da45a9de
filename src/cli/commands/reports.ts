// giamngheo report balance … / giamngheo registry residents import|set … (issue 12; docs/cli.md).
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { AppError } from '../../errors.js';
import { vnDateOf } from '../../domain/dates.js';
import { SYSTEM } from '../../services/deps.js';
import { reportBalance } from '../../services/registry/balance.service.js';
import {
  importResidentHouseholds,
  setResidentHouseholds,
} from '../../services/registry/residents.service.js';
import { configFrom, EXIT, printJson, reportError, usage, withDeps, type Io } from '../runtime.js';
import type { Command } from '../main.js';

import { parseReportFlags, yearFlag } from './report-flags.js';

export const balanceCommand: Command = {
  summary: 'Cân đối hộ nghèo, cận nghèo trong năm / The year’s balance of poor and near-poor households',
  usage: 'report balance --period YEAR --unit CODE [--units-on DATE] [--json]',
  async run(argv: string[], io: Io): Promise<number> {
    const flags = parseReportFlags(argv, 'balance', this.usage, io);
    if (typeof flags === 'number') return flags;
    const { json, period, unitsOn } = flags;
    const config = configFrom(io, { db: flags.values.db as string | undefined });
    return withDeps(io, config, async (deps) => {
      try {
        const b = await reportBalance(deps, SYSTEM, {
          period,
          unitCode: flags.unitCode,
          ...(unitsOn ? { unitsOn } : {}),
        });
        if (json) printJson(io, b);
        else {
          const terms = (t: typeof b.total.poor) =>
            `đầu kỳ ${t.start} − thoát ${t.exited} + phát sinh ${t.new} + tái ${t.returned} + chuyển đến ${t.movedIn} − chuyển đi ${t.movedOut} = cuối kỳ ${t.end}`;
          io.stdout.write(`${b.unit.code} ${b.unit.name}, kỳ ${b.period}\n`);
          for (const r of b.rows)
            io.stdout.write(
              `  ${r.unit.code} ${r.unit.name} (hộ dân cư ${r.residentHouseholds ?? 'chưa có'})\n    nghèo: ${terms(r.poor)}\n    cận nghèo: ${terms(r.nearPoor)}\n`,
            );
          io.stdout.write(
            `  Tổng: nghèo: ${terms(b.total.poor)}\n         cận nghèo: ${terms(b.total.nearPoor)}\n`,
          );
        }
        return EXIT.OK;
      } catch (err) {
        return reportError(io, err, json);
      }
    });
  },
};

const RESIDENTS_USAGE =
  'registry residents import FILE.xlsx --year YEAR [--source TEXT] [--source-date DATE] [--json] | ' +
  'registry residents set --unit CODE --year YEAR --households N --source TEXT [--source-date DATE] [--json]';

export const residentsCommand: Command = {
  summary: 'Số hộ dân cư theo xã, năm / Resident households per commune and year',
  usage: RESIDENTS_USAGE,
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        unit: { type: 'string' },
        year: { type: 'string' },
        households: { type: 'string' },
        source: { type: 'string' },
        'source-date': { type: 'string' },
        json: { type: 'boolean', default: false },
        db: { type: 'string' },
      },
    });
    const json = values.json === true;
    const [sub, file] = positionals;
    const year = yearFlag(values.year, '--year');
    if (year === undefined) throw usage(RESIDENTS_USAGE);
    const sourceDate = values['source-date'];
    if (sub === 'import') {
      if (!file || positionals.length !== 2 || !/\.xlsx$/i.test(file)) throw usage(RESIDENTS_USAGE);
    } else if (sub === 'set') {
      if (positionals.length !== 1 || !values.unit || !values.households || !values.source)
        throw usage(RESIDENTS_USAGE);
      if (!/^\d+$/.test(values.households)) throw usage('--households N');
    } else throw usage(RESIDENTS_USAGE);
    const config = configFrom(io, values);
    return withDeps(io, config, async (deps) => {
      try {
        // Without --source-date, the figure is dated the day it is entered (Vietnam time).
        const today = vnDateOf(deps.now());
        if (sub === 'import') {
          const r = await importResidentHouseholds(deps, SYSTEM, fs.readFileSync(file!), {
            year,
            ...(values.source ? { source: values.source } : {}),
            sourceDate: sourceDate ?? today,
          });
          if (json) printJson(io, r);
          else io.stdout.write(`Đọc / read ${r.read}, ghi / written ${r.imported}\n`);
        } else {
          const v = await setResidentHouseholds(deps, SYSTEM, {
            unitCode: values.unit!,
            year,
            households: Number(values.households),
            source: values.source!,
            sourceDate: sourceDate ?? today,
          });
          if (json) printJson(io, v);
          else io.stdout.write(`${v.unit.code} ${v.unit.name} ${v.year}: ${v.households} hộ dân cư\n`);
        }
        return EXIT.OK;
      } catch (err) {
        if (!json && err instanceof AppError && Array.isArray(err.data?.errors))
          for (const e of err.data.errors as {
            row: number;
            field: string | null;
            code: string;
            message: string;
          }[])
            io.stderr.write(`  dòng / row ${e.row} ${e.field ?? ''} ${e.code}: ${e.message}\n`);
        return reportError(io, err, json);
      }
    });
  },
};
