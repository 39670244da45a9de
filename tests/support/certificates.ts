// Shared by the certificate and export tests: the 2024 examples of Phường Trung Sơn with names of
// their own, imported as drafts and walked through the campaign up to recognition.
import { expect } from 'vitest';
import type { TestDeps } from './db.js';
import { SYSTEM } from '../../src/services/deps.js';
import { addVillage } from '../../src/services/villages.service.js';
import { importSurvey } from '../../src/services/registry/import.service.js';
import { transition } from '../../src/services/registry/campaign.service.js';
import { ward2024Examples } from './registry.js';
export { codeOf } from './errors.js';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô'];
/** The 2024 examples of Phường Trung Sơn, each household with names of its own. */
export const examples = ward2024Examples.map((e, i): Record<string, unknown> => ({
  ...e,
  members: (e.members as Record<string, unknown>[]).map((m, j) => ({
    ...m,
    name: `${FAMILY[i % FAMILY.length]} ${m.sex === 'F' ? 'Thị' : 'Văn'} ${['Hùng', 'Mai', 'Lan', 'Minh', 'Sơn'][j % 5]}`,
  })),
}));
export const POOR_OR_NEAR = ['EX-01', 'EX-02', 'EX-05', 'EX-06', 'EX-07', 'EX-08', 'EX-09', 'EX-10', 'EX-14'];

/** Imports the examples as drafts and walks the 2024 campaign of 14830 up to the complaints step. */
/** `duringPosting` runs while the lists are posted (complaints are filed then). */
export async function campaignReadyToRecognise(
  deps: TestDeps,
  duringPosting: (ref: { communeCode: string; period: number }) => Promise<unknown> = async () => undefined,
) {
  for (const name of ['Tổ dân phố 1', 'Tổ dân phố 2']) {
    await addVillage(deps, SYSTEM, { communeCode: '14830', on: '2024-10-01', name, kind: 'to-dan-pho' });
  }
  const records = examples.map((e, i) => ({ ...e, village: i % 2 === 0 ? 'Tổ dân phố 1' : 'Tổ dân phố 2' }));
  const imported = await importSurvey(
    deps,
    SYSTEM,
    { format: 'records', name: 'test', records },
    { status: 'draft' },
  );
  expect(imported.rejected).toBe(0);
  const ref = { communeCode: '14830', period: 2024 };
  const c = await transition(deps, SYSTEM, { ...ref, action: { type: 'open-meetings', villages: [] } });
  for (const v of c.state.villages) {
    await transition(deps, SYSTEM, {
      ...ref,
      action: {
        type: 'record-meeting',
        villageId: v.villageId,
        date: '2024-10-20',
        chair: 'Tổ trưởng',
        supervisor: 'MTTQ phường',
        present: 10,
        agreeing: 9,
        minutesCopies: 2,
        agreedHouseholds: [],
      },
    });
  }
  await transition(deps, SYSTEM, { ...ref, action: { type: 'start-posting', startDate: '2024-10-25' } });
  await duringPosting(ref);
  await transition(deps, SYSTEM, { ...ref, action: { type: 'close-posting', on: '2024-10-30' } });
  return ref;
}

export const RECOGNISE = {
  type: 'recognise',
  decisionNumber: '125/QĐ-UBND',
  decisionDate: '2024-11-04',
  signer: 'Nguyễn Văn Chủ Tịch',
} as const;
