// Shared by the registry tests: the public contract examples, and the check that the aggregate
// cells kept with every write equal a count from scratch.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { CONTRACTS } from './cli.js';
import type { Executor } from '../../src/db/repositories/executor.js';
import {
  computeAggregatesFromResults,
  readAllAggregates,
} from '../../src/db/repositories/registry.repository.js';
import { householdTallyAndCount } from '../../src/db/repositories/reports.repository.js';

/** Every record of the contract examples (tests/fixtures/contracts/examples.jsonl), as parsed JSON. */
export const contractExamples: Record<string, unknown>[] = fs
  .readFileSync(path.join(CONTRACTS, 'examples.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Record<string, unknown>);

/** The examples of Phường Trung Sơn (14830) surveyed in 2024. */
export const ward2024Examples = contractExamples.filter(
  (e) => e.unitCode === '14830' && String(e.surveyDate).startsWith('2024'),
);

/** The kept aggregate cells, by cell key (province|period|unit|valid from|status|class|indicator). */
export async function keptAggregates(db: Executor): Promise<Map<string, number>> {
  return new Map(
    (await readAllAggregates(db)).map((c) => [
      `${c.province_code}|${c.period}|${c.unit_code}|${c.unit_valid_from}|${c.status}|${c.classification}|${c.indicator}`,
      Number(c.n),
    ]),
  );
}

/**
 * The kept aggregate cells equal the same cells counted from the results, and the kept tally of
 * households per commune version equals a count of the registry.
 */
export async function expectAggregatesMatchRebuild(db: Executor): Promise<void> {
  const fresh = new Map([...(await computeAggregatesFromResults(db))].map(([k, [, n]]) => [k, n]));
  expect(await keptAggregates(db)).toEqual(fresh);
  const tally = await householdTallyAndCount(db);
  expect(tally.kept).toEqual(tally.counted);
}
