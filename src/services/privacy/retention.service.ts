// Retention of households that left the registry (docs/decisions/0027-personal-data.md): personal
// data is kept no longer than its purpose needs (Law 91/2025/QH15; Decree 13/2023/NĐ-CP before it).
// A household has left the registry when, for `years` years up to today (Vietnam time), it had no
// review result, no write and no support received. `retention` lists them (dry run) or erases
// them, after writing each one's full data to an archive file when asked, in one transaction,
// audited with counts only (no names, no keys: the audit must not keep what was erased).
import fs from 'node:fs';
import { AppError } from '../../errors.js';
import { vnDateOf } from '../../domain/dates.js';
import { insertAudit } from '../../db/repositories/audit.repository.js';
import {
  ERASED_TABLES,
  eraseHousehold,
  listRetentionCandidates,
  type ErasedTable,
  type RetentionCandidate,
} from '../../db/repositories/privacy.repository.js';
import { requirePermission } from '../access.js';
import { actorId, actorName, nowIso, type Actor, type Deps } from '../deps.js';
import { collectHouseholdData } from './household-report.service.js';

export interface RetentionInput {
  /** Years since the household left; default: the configuration (GIAMNGHEO_RETENTION_YEARS). */
  years?: number;
  /** Erase (true) or only report what would be erased. */
  apply: boolean;
  /** A JSON Lines file that receives each erased household's full data first (apply only). */
  archive?: string;
}

export interface RetentionReport {
  dryRun: boolean;
  years: number;
  /** The day `years` years before today (Vietnam time): nothing happened to them since. */
  cutoff: string;
  /** The last review period a household may have had. */
  lastPeriod: number;
  households: number;
  byCommune: Record<string, number>;
  /** Rows erased per table (zeros in a dry run). */
  rows: Record<ErasedTable, number>;
  archive: string | null;
}

/** Lists, or archives and erases, the households that left the registry `years` years ago. */
export async function retention(deps: Deps, actor: Actor, input: RetentionInput): Promise<RetentionReport> {
  requirePermission(actor, 'privacy.retention');
  const years = input.years ?? deps.config.retentionYears;
  if (!Number.isInteger(years) || years < 1 || years > 100)
    throw new AppError('FIELD_INVALID', { field: 'years', detail: String(years) }, { field: 'years' });
  if (input.archive && !input.apply)
    throw new AppError(
      'FIELD_INVALID',
      { field: 'archive', detail: '--archive cần --apply / --archive needs --apply' },
      { field: 'archive' },
    );
  const today = vnDateOf(deps.now());
  // 29/02 has no counterpart in most years: the day before.
  const cutoff = `${Number(today.slice(0, 4)) - years}${today.slice(4) === '-02-29' ? '-02-28' : today.slice(4)}`;
  const lastPeriod = Number(cutoff.slice(0, 4)) - 1;
  const before = new Date(Date.parse(`${cutoff}T00:00:00.000+07:00`)).toISOString();
  const db = deps.db.kysely;
  const candidates: RetentionCandidate[] = [];
  for (let afterId = 0; ;) {
    const page = await listRetentionCandidates(db, {
      lastPeriod,
      before,
      supportSince: cutoff,
      afterId,
      limit: 1000,
    });
    candidates.push(...page);
    if (page.length < 1000) break;
    afterId = page.at(-1)!.id;
  }
  const byCommune: Record<string, number> = {};
  for (const c of candidates) byCommune[c.communeCode] = (byCommune[c.communeCode] ?? 0) + 1;
  const rows = Object.fromEntries([...ERASED_TABLES, 'access_record'].map((t) => [t, 0])) as Record<
    ErasedTable,
    number
  >;
  const report: RetentionReport = {
    dryRun: !input.apply,
    years,
    cutoff,
    lastPeriod,
    households: candidates.length,
    byCommune,
    rows,
    archive: input.archive ?? null,
  };
  if (!input.apply || candidates.length === 0) return report;
  if (input.archive) {
    // Written whole before anything is erased: a failure here erases nothing.
    let fd: number;
    try {
      fd = fs.openSync(input.archive, 'wx', 0o600);
    } catch (err) {
      // An archive is never overwritten; a folder that is not there is the operator's to create.
      const code = (err as NodeJS.ErrnoException).code ?? '';
      throw new AppError(
        'FIELD_INVALID',
        {
          field: 'archive',
          detail: `${input.archive}: ${code === 'EEXIST' ? 'tệp đã có / the file exists' : code}`,
        },
        { field: 'archive' },
      );
    }
    try {
      for (const c of candidates) {
        const data = await collectHouseholdData(
          deps,
          db,
          { id: c.id, province_code: c.provinceCode, household_key: c.householdKey },
          actorName(actor),
        );
        fs.writeSync(fd, `${JSON.stringify(data)}\n`);
      }
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
  await db.transaction().execute(async (trx) => {
    for (const c of candidates) {
      const erased = await eraseHousehold(trx, {
        id: c.id,
        provinceCode: c.provinceCode,
        householdKey: c.householdKey,
      });
      for (const [t, n] of Object.entries(erased)) rows[t as ErasedTable] += n;
    }
    await insertAudit(trx, {
      at: nowIso(deps),
      actorId: actorId(actor),
      actor: actorName(actor),
      action: 'retention.erase',
      entity: 'household',
      entityId: '*',
      after: {
        years,
        cutoff,
        lastPeriod,
        households: candidates.length,
        byCommune,
        rows,
        archive: report.archive,
      },
    });
  });
  return report;
}
