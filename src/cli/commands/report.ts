// `giamngheo report KIND …`: one command, several reports, each owned by its module's command file.
import { usage, type Io } from '../runtime.js';
import type { Command } from '../main.js';

const reports: Record<string, () => Promise<Command>> = {
  summary: async () => (await import('./registry.js')).reportCommand,
  finance: async () => (await import('./finance.js')).reportFinanceCommand,
  balance: async () => (await import('./reports.js')).balanceCommand,
  annex7: async () => (await import('./annex7.js')).annex7Command,
};

export const reportCommand: Command = {
  summary:
    'Báo cáo tổng hợp (summary, finance, balance, annex7) / Reports (summary, finance, balance, annex7)',
  usage: 'report summary|finance|balance|annex7 … [--json]',
  async run(argv: string[], io: Io): Promise<number> {
    const load = reports[argv[0] ?? ''];
    if (!load) {
      const usages = await Promise.all(Object.values(reports).map(async (l) => (await l()).usage));
      throw usage(usages.join(' | '));
    }
    return (await load()).run(argv, io);
  },
};
