// `giamngheo report KIND …`: one command, several reports, each owned by its module's command file.
import { usage, type Io } from '../runtime.js';
import type { Command } from '../main.js';

const reports: Record<string, () => Promise<Command>> = {
  summary: async () => (await import('./registry.js')).reportCommand,
  finance: async () => (await import('./finance.js')).reportFinanceCommand,
  balance: async () => (await import('./reports.js')).balanceCommand,
  annex7: async () => (await import('./annex7.js')).annex7Command,
  monitoring: async () => (await import('./monitoring.js')).monitoringCommand,
  paper: async () => (await import('./papers.js')).paperCommand,
  applications: async () => (await import('./papers.js')).applicationsCommand,
  round: async () => (await import('./papers.js')).roundCommand,
  // The Fatherland Front's reports (issue 16).
  fund: async () => (await import('./front.js')).fundReportCommand,
  houses: async () => (await import('./front.js')).housesReportCommand,
};

export const reportCommand: Command = {
  summary:
    'Báo cáo tổng hợp (summary, finance, balance, annex7, monitoring), giấy tờ rà soát, sổ đơn, kỳ báo cáo, quỹ "Vì người nghèo" và nhà Đại đoàn kết (fund, houses) / Reports (summary, finance, balance, annex7, monitoring), review papers, applications, the reporting round, the Front’s fund and houses',
  usage: 'report summary|finance|balance|annex7|monitoring|paper|applications|round|fund|houses … [--json]',
  async run(argv: string[], io: Io): Promise<number> {
    const load = reports[argv[0] ?? ''];
    if (!load) {
      const usages = await Promise.all(Object.values(reports).map(async (l) => (await l()).usage));
      throw usage(usages.join(' | '));
    }
    return (await load()).run(argv, io);
  },
};
