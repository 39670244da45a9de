// giamngheo generate --households N [--province CODE] [--period YEAR] [--seed S] --out FILE
import { parseArgs } from 'node:util';
import { generateSurveyFile } from '../../services/registry/generate.service.js';
import { configFrom, EXIT, printJson, progress, usage, withDeps, type Io } from '../runtime.js';
import type { Command } from '../main.js';

export const generateCommand: Command = {
  summary: 'Sinh dữ liệu khảo sát tổng hợp (JSONL) / Write synthetic survey records',
  usage: 'generate --households N [--province CODE] [--period YEAR] [--seed S] --out FILE [--json]',
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        households: { type: 'string' },
        province: { type: 'string', default: '38' },
        period: { type: 'string', default: '2024' },
        seed: { type: 'string', default: '1' },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
        db: { type: 'string' },
      },
    });
    if (positionals.length > 0 || !values.households || !values.out) throw usage(this.usage);
    if (!/^\d+$/.test(values.households) || Number(values.households) < 1)
      throw usage('--households N (N ≥ 1)');
    if (!/^\d{4}$/.test(values.period!)) throw usage('--period YEAR');
    if (!/^\d{2}$/.test(values.province!)) throw usage('--province CODE (2 chữ số / 2 digits, e.g. 38)');
    const config = configFrom(io, values);
    const log = progress(io);
    const r = await withDeps(io, config, (deps) =>
      generateSurveyFile(deps, {
        households: Number(values.households),
        provinceCode: values.province!,
        period: Number(values.period),
        seed: values.seed!,
        out: values.out!,
        progress: (n) => log(`… ${n}`),
      }),
    );
    if (values.json) printJson(io, r);
    else
      log(
        `Đã ghi ${r.households} hộ trên ${r.communes} xã/phường vào ${r.out} / wrote ${r.households} households`,
      );
    return EXIT.OK;
  },
};
