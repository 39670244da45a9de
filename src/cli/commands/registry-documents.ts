// giamngheo registry certificates|export|recognised … — the registry's documents from the command
// line, as the system operator: certificates Mẫu số 03 as PDF (a commune's batch or one household),
// the household list as XLSX with the list filters, and the recognised lists of a commune × period.
import fs from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { SYSTEM } from '../../services/deps.js';
import {
  certificatesPdf,
  communeCertificates,
  householdCertificate,
} from '../../services/registry/certificates.service.js';
import {
  prepareHouseholdExport,
  prepareRecognisedExport,
  writeHouseholdExport,
  writeRecognisedExport,
} from '../../services/registry/exports.service.js';
import { configFrom, EXIT, printJson, reportError, usage, withDeps, type Io } from '../runtime.js';
import type { Command } from '../main.js';

function yearFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value)) throw usage(`${flag} YEAR (4 chữ số / 4 digits): "${value}"`);
  return Number(value);
}

/** Writes through a file stream, and removes the partial file when the export fails. */
async function toFile<T>(file: string, write: (out: fs.WriteStream) => Promise<T>): Promise<T> {
  const out = fs.createWriteStream(file);
  try {
    const closed = once(out, 'close');
    const r = await write(out);
    await closed;
    return r;
  } catch (err) {
    out.destroy();
    fs.rmSync(file, { force: true });
    throw err;
  }
}

const USAGE =
  'registry certificates --unit CODE --period YEAR [--household ID] --out FILE.pdf | ' +
  'registry export --unit CODE [--period YEAR] [--village ID] [--class C] [--movement M] [--q TEXT] --out FILE.xlsx | ' +
  'registry recognised --unit CODE --period YEAR --out FILE.xlsx | ' +
  'registry residents import|set … (registry residents --help)';

export const registryCommand: Command = {
  summary: 'Giấy chứng nhận Mẫu số 03, xuất Excel danh sách hộ / Certificates and list exports',
  usage: USAGE,
  async run(argv: string[], io: Io): Promise<number> {
    if (argv[0] === 'residents')
      return (await import('./reports.js')).residentsCommand.run(argv.slice(1), io);
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        unit: { type: 'string' },
        period: { type: 'string' },
        household: { type: 'string' },
        village: { type: 'string' },
        class: { type: 'string' },
        movement: { type: 'string' },
        q: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
        db: { type: 'string' },
      },
    });
    const [sub] = positionals;
    const json = values.json === true;
    if (positionals.length !== 1 || !values.out || !values.unit) throw usage(USAGE);
    const out = values.out;
    const period = yearFlag(values.period, '--period');
    if (sub === 'certificates') {
      if (period === undefined || !/\.pdf$/i.test(out)) throw usage(USAGE);
    } else if (sub === 'export') {
      if (!/\.xlsx$/i.test(out)) throw usage('--out FILE.xlsx');
      if (values.village !== undefined && !/^\d+$/.test(values.village)) throw usage('--village ID');
    } else if (sub === 'recognised') {
      if (period === undefined || !/\.xlsx$/i.test(out)) throw usage(USAGE);
    } else throw usage(USAGE);
    const config = configFrom(io, values);
    return withDeps(io, config, async (deps) => {
      try {
        if (sub === 'certificates') {
          const views = values.household
            ? [await householdCertificate(deps, SYSTEM, { householdId: values.household, period: period! })]
            : await communeCertificates(deps, SYSTEM, { communeCode: values.unit!, period: period! });
          fs.writeFileSync(out, await certificatesPdf(views));
          if (json) printJson(io, { file: out, certificates: views.map((v) => v.number) });
          else io.stdout.write(`${out}: ${views.length} giấy chứng nhận / certificates\n`);
        } else if (sub === 'export') {
          const p = await prepareHouseholdExport(deps, SYSTEM, {
            unitCode: values.unit!,
            ...(period !== undefined ? { period } : {}),
            ...(values.village !== undefined ? { villageId: Number(values.village) } : {}),
            ...(values.class ? { classification: values.class } : {}),
            ...(values.movement ? { movement: values.movement } : {}),
            ...(values.q ? { q: values.q } : {}),
          });
          const r = await toFile(out, (s) => writeHouseholdExport(deps, SYSTEM, p, s));
          if (json) printJson(io, { file: out, ...r });
          else io.stdout.write(`${out}: ${r.rows} hộ / households\n`);
        } else {
          const p = await prepareRecognisedExport(deps, SYSTEM, {
            communeCode: values.unit!,
            period: period!,
          });
          const r = await toFile(out, (s) => writeRecognisedExport(deps, SYSTEM, p, s));
          if (json) printJson(io, { file: out, ...r });
          else io.stdout.write(`${out}: hộ nghèo / poor ${r.poor}, hộ cận nghèo / near-poor ${r.nearPoor}\n`);
        }
        return EXIT.OK;
      } catch (err) {
        return reportError(io, err, json);
      }
    });
  },
};
