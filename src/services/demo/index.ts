// `giamngheo demo` fills an empty database with the demo data set (DESIGN.md §5). Each module
// contributes a seeder; they run in this order, each in its own transaction(s), and only on a
// database that has never been seeded. Every name and ID they write is synthetic.
import { getMeta, setMeta } from '../../db/repositories/meta.repository.js';
import type { Deps } from '../deps.js';
import { seedFoundation, type DemoAccount } from './foundation.seed.js';
import { seedRegistry } from './registry.seed.js';
import { seedRecognised2023, seedRecognised2024 } from './certificates.seed.js';
import { seedResidentHouseholds } from './reports.seed.js';
import { seedPaperwork } from './paperwork.seed.js';
import { seedFinance } from './finance.seed.js';
import { seedPortal } from './portal.seed.js';
import { seedFront } from './front.seed.js';

export interface DemoContext {
  deps: Deps;
  progress: (msg: string) => void;
  accounts: DemoAccount[];
}

export type Seeder = { name: string; run: (ctx: DemoContext) => Promise<void> };

const seeders: Seeder[] = [
  { name: 'foundation', run: seedFoundation },
  { name: 'registry', run: seedRegistry },
  { name: 'certificates', run: seedRecognised2023 },
  { name: 'recognised-2024', run: seedRecognised2024 },
  { name: 'resident-households', run: seedResidentHouseholds },
  { name: 'paperwork', run: seedPaperwork },
  { name: 'finance', run: seedFinance },
  { name: 'portal', run: seedPortal },
  { name: 'front', run: seedFront },
];

export function registerSeeder(seeder: Seeder): void {
  seeders.push(seeder);
}

export async function seedDemo(
  deps: Deps,
  progress: (msg: string) => void,
): Promise<{ seeded: boolean; accounts: DemoAccount[] }> {
  const ctx: DemoContext = { deps, progress, accounts: [] };
  const done = await getMeta(deps.db.kysely, 'demo_seeded');
  if (done) {
    ctx.accounts = JSON.parse(done) as DemoAccount[];
    return { seeded: false, accounts: ctx.accounts };
  }
  for (const seeder of seeders) {
    progress(`Dữ liệu mẫu / demo data: ${seeder.name}…`);
    await seeder.run(ctx);
  }
  await setMeta(deps.db.kysely, 'demo_seeded', JSON.stringify(ctx.accounts));
  return { seeded: true, accounts: ctx.accounts };
}
