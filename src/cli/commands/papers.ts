// giamngheo report paper|applications|round … (issue 12 part 2; docs/cli.md): the papers of a
// commune's review, the applications register of regular review, and the reporting round. The CLI
// acts as the system (full scope), like every other command.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { SYSTEM } from '../../services/deps.js';
import {
  PAPER_KINDS,
  paperFile,
  reviewPaper,
  type PaperKind,
} from '../../services/registry/review-papers.service.js';
import {
  applicationRegister,
  decideApplication,
  receiveApplication,
  registerFile,
} from '../../services/registry/applications.service.js';
import { reportingBoard, submitReport, boardTable } from '../../services/registry/round.service.js';
import { documentPdf, documentXlsx } from '../../services/documents/official.js';
import { EXIT, configFrom, printJson, reportError, usage, withDeps, type Io } from '../runtime.js';
import type { Command } from '../main.js';

/** --out FILE.xlsx | FILE.pdf: the format from the extension. */
function outFormat(out: string | undefined, u: string): 'xlsx' | 'pdf' | null {
  if (out === undefined) return null;
  const m = /\.(xlsx|pdf)$/i.exec(out);
  if (!m) throw usage(`--out FILE.xlsx|FILE.pdf — ${u}`);
  return m[1]!.toLowerCase() as 'xlsx' | 'pdf';
}

function whole(value: string | undefined, flag: string, u: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value)) throw usage(`${flag} N — ${u}`);
  return Number(value);
}

const PAPER_USAGE = `report paper ${PAPER_KINDS.join('|')} --commune CODE --period YEAR [--village ID] [--out FILE.xlsx|FILE.pdf] [--json]`;

export const paperCommand: Command = {
  summary:
    'Giấy tờ rà soát: quyết định Mẫu 02, danh sách niêm yết, biên bản họp thôn, thông báo niêm yết / Review papers',
  usage: PAPER_USAGE,
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        commune: { type: 'string' },
        period: { type: 'string' },
        village: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
        db: { type: 'string' },
      },
    });
    const [, kind] = positionals;
    if (
      positionals.length !== 2 ||
      !(PAPER_KINDS as readonly string[]).includes(kind ?? '') ||
      !values.commune
    )
      throw usage(PAPER_USAGE);
    const period = whole(values.period, '--period', PAPER_USAGE);
    if (period === undefined) throw usage(PAPER_USAGE);
    const village = whole(values.village, '--village', PAPER_USAGE);
    const format = outFormat(values.out, PAPER_USAGE);
    const json = values.json === true;
    return withDeps(io, configFrom(io, values), async (deps) => {
      try {
        const p = await reviewPaper(deps, SYSTEM, {
          communeCode: values.commune!,
          period,
          kind: kind as PaperKind,
          ...(village ? { villageId: village } : {}),
        });
        if (format) {
          fs.writeFileSync(values.out!, await paperFile(p, format));
          if (json) printJson(io, { file: values.out, counts: p.counts });
          else io.stdout.write(`${values.out}\n`);
        } else if (json) printJson(io, p);
        else {
          io.stdout.write(`${p.header.title}\n${p.header.subtitle ?? ''}\n`);
          for (const part of p.parts) {
            if ('text' in part) io.stdout.write(`${part.text}\n`);
            else if ('heading' in part) io.stdout.write(`\n${part.heading}\n`);
            else if ('table' in part)
              for (const r of part.table.rows) io.stdout.write(`  ${r.map((c) => c ?? '').join(' | ')}\n`);
          }
        }
        return EXIT.OK;
      } catch (err) {
        return reportError(io, err, json);
      }
    });
  },
};

const APPLICATIONS_USAGE =
  'report applications list --unit CODE [--from DATE] [--to DATE] [--out FILE] [--json] | ' +
  'report applications add --commune CODE --form 01|04 --name TEXT --reason TEXT --received DATE [--household ID] [--address TEXT] [--json] | ' +
  'report applications decide ID --version N --on DATE (--recognise CLASS --number TEXT | --refuse REASON) [--json]';

export const applicationsCommand: Command = {
  summary:
    'Sổ đơn đề nghị rà soát thường xuyên (Mẫu 01, Mẫu 04), thời hạn 15 ngày / The applications register',
  usage: APPLICATIONS_USAGE,
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        unit: { type: 'string' },
        commune: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        form: { type: 'string' },
        name: { type: 'string' },
        reason: { type: 'string' },
        received: { type: 'string' },
        household: { type: 'string' },
        address: { type: 'string' },
        version: { type: 'string' },
        on: { type: 'string' },
        recognise: { type: 'string' },
        number: { type: 'string' },
        refuse: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
        db: { type: 'string' },
      },
    });
    const [, sub, id] = positionals;
    const json = values.json === true;
    const format = outFormat(values.out, APPLICATIONS_USAGE);
    if (sub === 'list' && (!values.unit || positionals.length !== 2)) throw usage(APPLICATIONS_USAGE);
    if (sub === 'add' && (!values.commune || positionals.length !== 2)) throw usage(APPLICATIONS_USAGE);
    if (sub === 'decide') {
      if (positionals.length !== 3 || !values.version || !values.on) throw usage(APPLICATIONS_USAGE);
      if ((values.recognise === undefined) === (values.refuse === undefined)) throw usage(APPLICATIONS_USAGE);
    }
    if (!['list', 'add', 'decide'].includes(sub ?? '')) throw usage(APPLICATIONS_USAGE);
    const appId = sub === 'decide' ? whole(id, 'ID', APPLICATIONS_USAGE)! : 0;
    const version = sub === 'decide' ? whole(values.version, '--version', APPLICATIONS_USAGE)! : 0;
    return withDeps(io, configFrom(io, values), async (deps) => {
      try {
        if (sub === 'list') {
          const r = await applicationRegister(deps, SYSTEM, {
            unitCode: values.unit!,
            ...(values.from ? { from: values.from } : {}),
            ...(values.to ? { to: values.to } : {}),
          });
          if (format) fs.writeFileSync(values.out!, await registerFile(r, format));
          if (json) printJson(io, r);
          else
            for (const a of r.rows)
              io.stdout.write(
                `${a.id}\tMẫu ${a.form}\t${a.communeCode}\t${a.receivedOn}\t${a.statusLabel.vi}\t${a.clockLabel.vi}\t${a.applicantName}\n`,
              );
        } else if (sub === 'add') {
          const a = await receiveApplication(deps, SYSTEM, {
            communeCode: values.commune!,
            form: values.form,
            householdKey: values.household,
            applicantName: values.name,
            address: values.address,
            reason: values.reason,
            receivedOn: values.received,
          });
          if (json) printJson(io, a);
          else io.stdout.write(`${a.id}\t${a.statusLabel.vi}\thạn ${a.deadline}\n`);
        } else {
          const a = await decideApplication(deps, SYSTEM, {
            id: appId,
            expectedVersion: version,
            outcome: values.recognise !== undefined ? 'recognised' : 'refused',
            outcomeClass: values.recognise,
            decisionNumber: values.number,
            decidedOn: values.on,
            refusalReason: values.refuse,
          });
          if (json) printJson(io, a);
          else io.stdout.write(`${a.id}\t${a.statusLabel.vi}\t${a.clockLabel.vi}\n`);
        }
        return EXIT.OK;
      } catch (err) {
        return reportError(io, err, json);
      }
    });
  },
};

const ROUND_USAGE =
  'report round submit --unit CODE --round monthly|preliminary|official --period YEAR [--month M] [--json] | ' +
  'report round board --unit CODE --period YEAR [--out FILE] [--json]';

export const roundCommand: Command = {
  summary: 'Kỳ báo cáo: nộp báo cáo (bản nộp không sửa), bảng theo dõi nộp / The reporting round',
  usage: ROUND_USAGE,
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        unit: { type: 'string' },
        round: { type: 'string' },
        period: { type: 'string' },
        month: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
        db: { type: 'string' },
      },
    });
    const [, sub] = positionals;
    const json = values.json === true;
    if (positionals.length !== 2 || !['submit', 'board'].includes(sub ?? '') || !values.unit)
      throw usage(ROUND_USAGE);
    const period = whole(values.period, '--period', ROUND_USAGE);
    if (period === undefined) throw usage(ROUND_USAGE);
    const month = whole(values.month, '--month', ROUND_USAGE);
    const format = outFormat(values.out, ROUND_USAGE);
    return withDeps(io, configFrom(io, values), async (deps) => {
      try {
        if (sub === 'submit') {
          const s = await submitReport(deps, SYSTEM, {
            unitCode: values.unit!,
            round: values.round,
            period,
            ...(month !== undefined ? { month } : {}),
          });
          if (json) printJson(io, s);
          else
            io.stdout.write(
              `${s.roundLabel.vi} ${s.period}${s.month ? ` tháng ${s.month}` : ''}: phiên bản ${s.version}, ${s.statusLabel.vi}, sha256 ${s.sha256}\n`,
            );
        } else {
          const b = await reportingBoard(deps, SYSTEM, { unitCode: values.unit!, period });
          if (format) {
            const h = {
              unitName: b.unit.name,
              date: b.today,
              title: `THEO DÕI NỘP BÁO CÁO RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM ${b.period}`,
              signatory: 'NGƯỜI LẬP BIỂU',
            };
            fs.writeFileSync(
              values.out!,
              format === 'xlsx'
                ? await documentXlsx(h, boardTable(b), `Nop bao cao ${b.period}`)
                : await documentPdf(h, boardTable(b)),
            );
          }
          if (json) printJson(io, b);
          else
            for (const r of b.reports)
              io.stdout.write(
                `${r.roundLabel.vi}${r.month ? ` tháng ${r.month}` : ''} (hạn ${r.due}): ${r.totals.submitted}/${r.totals.expected} đã nộp, ${r.totals.late} quá hạn\n`,
              );
        }
        return EXIT.OK;
      } catch (err) {
        return reportError(io, err, json);
      }
    });
  },
};
