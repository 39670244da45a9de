// giamngheo units show CODE [--on DATE] --json
import { parseArgs } from 'node:util';
import { showUnit } from '../../services/units.service.js';
import { isIsoDate } from '../../domain/dates.js';
import { AppError } from '../../errors.js';
import { configFrom, EXIT, printJson, reportError, usage, withDeps, type Io } from '../runtime.js';
import type { Command } from '../main.js';

export const unitsCommand: Command = {
  summary: 'Tra cứu đơn vị hành chính theo mã và ngày / Look up a unit by code and date',
  usage: 'units show CODE [--on YYYY-MM-DD] [--json]',
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { on: { type: 'string' }, json: { type: 'boolean', default: false }, db: { type: 'string' } },
    });
    const json = values.json === true;
    const [sub, code] = positionals;
    if (sub !== 'show' || !code || positionals.length > 2) throw usage(this.usage);
    if (values.on !== undefined && !isIsoDate(values.on)) {
      // A malformed flag is a usage error (exit 2), with the same coded error body.
      reportError(
        io,
        new AppError('DATE_INVALID', { field: '--on', value: values.on }, { field: 'on' }),
        json,
      );
      return EXIT.USAGE;
    }
    const config = configFrom(io, values);
    return withDeps(io, config, async (deps) => {
      try {
        const unit = await showUnit(deps, code, values.on);
        if (json) printJson(io, unit);
        else {
          io.stdout.write(
            `${unit.code} ${unit.name} (${unit.type}${unit.area ? `, ${unit.area}` : ''})\n` +
              `  cấp / level: ${unit.level}; trực thuộc / parent: ${unit.parentCode ?? '—'}\n` +
              `  hiệu lực / valid: ${unit.validFrom ?? '…'} → ${unit.validTo ?? '…'}\n` +
              unit.predecessors.map((p) => `  ← ${p.code} ${p.name} (đến / until ${p.validTo})\n`).join('') +
              unit.successors.map((s) => `  → ${s.code} ${s.name} (từ / from ${s.validFrom})\n`).join(''),
          );
        }
        return EXIT.OK;
      } catch (err) {
        return reportError(io, err, json);
      }
    });
  },
};
