// `giamngheo generate`: writes N synthetic survey records (JSONL) over the real communes of a
// province, streaming (constant memory whatever N). Same seed, same file.
import fs from 'node:fs';
import { once } from 'node:events';
import { AppError } from '../../errors.js';
import { listUnitsOn } from '../../db/repositories/units.repository.js';
import { communeProfiles, HouseholdGenerator } from '../../domain/registry/generate.js';
import type { Deps } from '../deps.js';

export interface GenerateInput {
  households: number;
  provinceCode: string;
  period: number;
  seed: string;
  out: string;
  progress?: (done: number) => void;
}

/** The communes of a province (urban/rural known) in force in the review season of `period`. */
export async function communesForPeriod(deps: Deps, provinceCode: string, period: number) {
  const on = `${period}-10-15`;
  const units = await listUnitsOn(deps.db.kysely, { date: on, provinceCode, level: 'commune' });
  const usable = units.filter(
    (u): u is typeof u & { area: 'rural' | 'urban' } => u.area === 'rural' || u.area === 'urban',
  );
  if (usable.length === 0)
    throw new AppError('UNIT_NOT_FOUND', { code: provinceCode, date: on }, { field: 'province' });
  return usable.map((u) => ({ code: u.code, area: u.area }));
}

export async function generateSurveyFile(
  deps: Deps,
  input: GenerateInput,
): Promise<{ households: number; communes: number; out: string }> {
  if (!Number.isInteger(input.households) || input.households < 1) {
    throw new AppError(
      'FIELD_INVALID',
      { field: 'households', detail: String(input.households) },
      { field: 'households' },
    );
  }
  const communes = communeProfiles(
    input.seed,
    await communesForPeriod(deps, input.provinceCode, input.period),
  );
  const gen = new HouseholdGenerator(input.seed, {
    provinceCode: input.provinceCode,
    period: input.period,
    communes,
  });
  const stream = fs.createWriteStream(input.out, { encoding: 'utf8' });
  let buffer = '';
  for (let i = 1; i <= input.households; i++) {
    buffer += `${JSON.stringify(gen.next())}\n`;
    if (buffer.length > 1 << 16 || i === input.households) {
      if (!stream.write(buffer)) await once(stream, 'drain');
      buffer = '';
    }
    if (input.progress && i % 100_000 === 0) input.progress(i);
  }
  stream.end();
  await once(stream, 'finish');
  return { households: input.households, communes: communes.length, out: input.out };
}
