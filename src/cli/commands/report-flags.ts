// The flags every `giamngheo report KIND` shares — `--period YEAR --unit CODE [--units-on DATE]
// [--json] [--db …]` — parsed once for all of them (summary, balance, annex7), with the same usage
// errors (exit 2) and the same coded error for a bad date.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AppError } from '../../errors.js';
import { isIsoDate } from '../../domain/dates.js';
import { EXIT, reportError, usage, type Io } from '../runtime.js';

/** A 4-digit year flag, or undefined when not given; anything else is a usage error. */
export function yearFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value)) throw usage(`${flag} YEAR (4 chữ số / 4 digits): "${value}"`);
  return Number(value);
}

const REPORT_OPTIONS = {
  period: { type: 'string' },
  unit: { type: 'string' },
  'units-on': { type: 'string' },
  json: { type: 'boolean', default: false },
  db: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export interface ReportFlags {
  period: number;
  unitCode: string;
  unitsOn?: string;
  json: boolean;
  /** Every flag as given (the report's own ones, and `db` for configFrom). */
  values: Record<string, string | boolean | undefined>;
}

/**
 * Parses `report KIND` and its flags (plus the report's own string flags `extra`). Throws a usage
 * error when KIND, the unit or the period is missing; answers the exit code after reporting a
 * `--units-on` that is not a date.
 */
export function parseReportFlags(
  argv: string[],
  kind: string,
  usageText: string,
  io: Io,
  extra: readonly string[] = [],
): ReportFlags | number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...REPORT_OPTIONS,
      ...Object.fromEntries(extra.map((f) => [f, { type: 'string' as const }])),
    },
  });
  const v = values as Record<string, string | boolean | undefined>;
  const json = v.json === true;
  const unit = typeof v.unit === 'string' ? v.unit : undefined;
  if (positionals[0] !== kind || positionals.length > 1 || !unit) throw usage(usageText);
  const period = yearFlag(typeof v.period === 'string' ? v.period : undefined, '--period');
  if (period === undefined) throw usage(usageText);
  const unitsOn = typeof v['units-on'] === 'string' ? v['units-on'] : undefined;
  if (unitsOn !== undefined && !isIsoDate(unitsOn)) {
    reportError(
      io,
      new AppError('DATE_INVALID', { field: '--units-on', value: unitsOn }, { field: 'unitsOn' }),
      json,
    );
    return EXIT.USAGE;
  }
  return { period, unitCode: unit, ...(unitsOn ? { unitsOn } : {}), json, values: v };
}
