// The `giamngheo` command line: a thin adapter that parses flags, calls one service and prints the
// result per contracts/cli.md. Commands are loaded lazily so `classify` does not pay for Fastify.
import { EXIT, processIo, reportError, usage, type Io } from './runtime.js';

export interface Command {
  /** One-line help, Vietnamese then English. */
  summary: string;
  usage: string;
  run(argv: string[], io: Io): Promise<number>;
}

const commands: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./commands/serve.js')).serveCommand,
  demo: async () => (await import('./commands/serve.js')).demoCommand,
  units: async () => (await import('./commands/units.js')).unitsCommand,
  users: async () => (await import('./commands/users.js')).usersCommand,
  migrate: async () => (await import('./commands/migrate.js')).migrateCommand,
  classify: async () => (await import('./commands/classify.js')).classifyCommand,
  backup: async () => (await import('./commands/backup.js')).backupCommand,
  restore: async () => (await import('./commands/backup.js')).restoreCommand,
  import: async () => (await import('./commands/registry.js')).importCommand,
  report: async () => (await import('./commands/report.js')).reportCommand,
  finance: async () => (await import('./commands/finance.js')).financeCommand,
  generate: async () => (await import('./commands/generate.js')).generateCommand,
  registry: async () => (await import('./commands/registry-documents.js')).registryCommand,
  'access-log': async () => (await import('./commands/privacy.js')).accessLogCommand,
  'household-data': async () => (await import('./commands/privacy.js')).householdDataCommand,
  retention: async () => (await import('./commands/privacy.js')).retentionCommand,
};

export function registerCommand(name: string, load: () => Promise<Command>): void {
  commands[name] = load;
}

async function help(io: Io): Promise<void> {
  const lines = [
    'giamngheo — Chương trình MTQG giảm nghèo bền vững / National Target Program for Sustainable Poverty Reduction',
    '',
    'Lệnh / Commands:',
  ];
  for (const [name, load] of Object.entries(commands)) {
    const c = await load();
    lines.push(`  ${c.usage.padEnd(58)} ${c.summary}`);
    void name;
  }
  lines.push('', 'Tuỳ chọn chung / Common options: --db PATH|URL (GIAMNGHEO_DB), --json');
  io.stdout.write(`${lines.join('\n')}\n`);
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    await help(io);
    return name ? EXIT.OK : EXIT.USAGE;
  }
  if (name === '--version') {
    io.stdout.write('giamngheo 0.1.0\n');
    return EXIT.OK;
  }
  const load = commands[name];
  if (!load) {
    io.stderr.write(`Lệnh không tồn tại / Unknown command: ${name}. Xem / see: giamngheo --help\n`);
    return EXIT.USAGE;
  }
  try {
    const command = await load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(`giamngheo ${command.usage}\n  ${command.summary}\n`);
      return EXIT.OK;
    }
    return await command.run(rest, io);
  } catch (err) {
    // node:util parseArgs refuses an unknown or malformed option: a usage error (exit 2), not INTERNAL.
    const code = (err as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))
      return reportError(io, usage((err as Error).message), rest.includes('--json'));
    return reportError(io, err, rest.includes('--json'));
  }
}
