// giamngheo report monitoring --year YEAR --unit CODE [--json]   (issue 13, program monitoring):
// the program's target kinds with progress (recognised) and forecast (current review) over the
// resident households, and the per-project indicators from disbursements and support.
import { parseArgs } from 'node:util';
import { formatNumber, formatVnd } from '../../domain/format.js';
import { SYSTEM } from '../../services/deps.js';
import { programMonitoring } from '../../services/finance/monitoring.service.js';
import { configFrom, EXIT, printJson, reportError, usage, withDeps, type Io } from '../runtime.js';
import type { Command } from '../main.js';

const USAGE = 'report monitoring --year YEAR --unit CODE [--json]';

export const monitoringCommand: Command = {
  summary: 'Theo dõi chương trình: chỉ tiêu quốc gia, chỉ số theo dự án / Program monitoring',
  usage: USAGE,
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        year: { type: 'string' },
        unit: { type: 'string' },
        json: { type: 'boolean', default: false },
        db: { type: 'string' },
      },
    });
    const json = values.json === true;
    if (positionals[0] !== 'monitoring' || positionals.length > 1 || !values.unit) throw usage(USAGE);
    if (values.year === undefined || !/^\d{4}$/.test(values.year)) throw usage(USAGE);
    const year = Number(values.year);
    return withDeps(io, configFrom(io, values), async (deps) => {
      try {
        const r = await programMonitoring(deps, SYSTEM, { unitCode: values.unit, year });
        if (json) printJson(io, r);
        else {
          const pts = (x: number | null) => (x === null ? '—' : `${formatNumber(x)} điểm %`);
          io.stdout.write(`${r.unit.code} ${r.unit.name}, năm ${r.year}\n`);
          for (const t of r.targets)
            io.stdout.write(
              `  ${t.label.vi}: đã công nhận ${pts(t.achieved)} (${t.statusLabel.vi}); dự báo ${pts(t.forecast)} (${t.forecastStatusLabel.vi})\n`,
            );
          for (const p of r.projects)
            io.stdout.write(
              `  ${p.projectCode}: giải ngân ${formatVnd(p.disbursed)}; hỗ trợ ${p.householdsSupported} hộ, ${p.costPerHouseholdSupported === null ? '—' : formatVnd(p.costPerHouseholdSupported)}/hộ; ${p.householdsExited} hộ thoát nghèo, ${p.costPerHouseholdExited === null ? '—' : formatVnd(p.costPerHouseholdExited)}/hộ thoát nghèo\n`,
            );
        }
        return EXIT.OK;
      } catch (err) {
        return reportError(io, err, json);
      }
    });
  },
};
