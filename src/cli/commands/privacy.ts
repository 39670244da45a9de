// giamngheo access-log | household-data | retention — personal-data protection from the command
// line, as the system operator (docs/decisions/0027-personal-data.md): read or export the access
// record, produce a household's own data as PDF or JSON, and apply the retention policy.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { SYSTEM, type Actor } from '../../services/deps.js';
import { exportAccess, listAccess, type AccessQuery } from '../../services/privacy/access-record.service.js';
import { householdReport, householdReportPdf } from '../../services/privacy/household-report.service.js';
import { retention } from '../../services/privacy/retention.service.js';
import { formatInstantVn } from '../../domain/dates.js';
import { configFrom, EXIT, printJson, usage, withDeps, type Io } from '../runtime.js';
import type { Command } from '../main.js';

/** The operator, named with the command, so that the access record says where a read came from. */
const operator = (command: string): Actor => ({ ...SYSTEM, route: `cli ${command}` });

const ACCESS_USAGE =
  'access-log [--unit CODE] [--actor USER] [--action A] [--household ID] [--from DATE] [--to DATE] [--limit N] [--out FILE.xlsx|FILE.csv] [--json]';

export const accessLogCommand: Command = {
  summary:
    'Nhật ký truy cập dữ liệu cá nhân: ai đã xem, xuất hộ nào / Access record: who read or exported what',
  usage: ACCESS_USAGE,
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        unit: { type: 'string' },
        actor: { type: 'string' },
        action: { type: 'string' },
        household: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        limit: { type: 'string' },
        out: { type: 'string' },
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    if (positionals.length > 0) throw usage(ACCESS_USAGE);
    const q: AccessQuery = {
      ...(values.unit ? { unitCode: values.unit } : {}),
      ...(values.actor ? { actor: values.actor } : {}),
      ...(values.action ? { action: values.action } : {}),
      ...(values.household ? { householdId: values.household } : {}),
      ...(values.from ? { from: values.from } : {}),
      ...(values.to ? { to: values.to } : {}),
      ...(values.limit ? { limit: Number(values.limit) } : {}),
    };
    const out = values.out;
    const format = out?.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx';
    if (out && !/\.(csv|xlsx)$/i.test(out)) throw usage(`--out FILE.xlsx|FILE.csv: "${out}"`);
    return withDeps(io, configFrom(io, values), async (deps) => {
      const actor = operator('access-log');
      if (out) {
        fs.writeFileSync(out, await exportAccess(deps, actor, q, format));
        if (values.json) printJson(io, { file: out });
        else io.stderr.write(`Đã ghi / Written: ${out}\n`);
        return EXIT.OK;
      }
      const r = await listAccess(deps, actor, q);
      if (values.json) printJson(io, r);
      else
        for (const i of r.items)
          io.stdout.write(
            `${formatInstantVn(i.at)}  ${i.actor.padEnd(16)} ${i.actionWord.vi.padEnd(32)} ${(i.unitCode ?? '').padEnd(6)} ${i.householdId ?? `${i.households} hộ`}  ${i.route}\n`,
          );
      return EXIT.OK;
    });
  },
};

const REPORT_USAGE = 'household-data HOUSEHOLD_ID --out FILE.pdf|FILE.json [--json]';

export const householdDataCommand: Command = {
  summary:
    'Toàn bộ dữ liệu của một hộ (theo yêu cầu của hộ), PDF hoặc JSON / Everything held about a household, PDF or JSON',
  usage: REPORT_USAGE,
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: 'string' }, db: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
    const [key] = positionals;
    const out = values.out;
    if (!key || positionals.length !== 1 || !out || !/\.(pdf|json)$/i.test(out)) throw usage(REPORT_USAGE);
    return withDeps(io, configFrom(io, values), async (deps) => {
      const report = await householdReport(deps, operator('household-data'), key);
      fs.writeFileSync(
        out,
        out.toLowerCase().endsWith('.pdf')
          ? await householdReportPdf(report)
          : `${JSON.stringify(report, null, 2)}\n`,
      );
      if (values.json) printJson(io, { file: out, householdId: key });
      else io.stderr.write(`Đã ghi / Written: ${out}\n`);
      return EXIT.OK;
    });
  },
};

const RETENTION_USAGE = 'retention --dry-run|--apply [--years N] [--archive FILE.jsonl] [--json]';

export const retentionCommand: Command = {
  summary:
    'Xoá dữ liệu hộ đã ra khỏi sổ quá N năm (lưu trữ ra tệp nếu cần) / Erase households that left the registry N years ago',
  usage: RETENTION_USAGE,
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        apply: { type: 'boolean', default: false },
        years: { type: 'string' },
        archive: { type: 'string' },
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    if (positionals.length > 0 || values['dry-run'] === values.apply) throw usage(RETENTION_USAGE);
    if (values.years !== undefined && !/^\d{1,3}$/.test(values.years))
      throw usage(`--years N (số năm / years): "${values.years}"`);
    return withDeps(io, configFrom(io, values), async (deps) => {
      const r = await retention(deps, operator('retention'), {
        apply: values.apply,
        ...(values.years !== undefined ? { years: Number(values.years) } : {}),
        ...(values.archive ? { archive: values.archive } : {}),
      });
      if (values.json) printJson(io, r);
      else
        io.stderr.write(
          `${r.dryRun ? 'Thử (không xoá) / Dry run' : 'Đã xoá / Erased'}: ${r.households} hộ / households ` +
            `(không rà soát sau kỳ ${r.lastPeriod}, không thay đổi, không nhận hỗ trợ từ ${r.cutoff} / ` +
            `no review after ${r.lastPeriod}, no change or support since ${r.cutoff})` +
            `${r.archive ? `; lưu trữ / archive: ${r.archive}` : ''}\n`,
        );
      return EXIT.OK;
    });
  },
};
