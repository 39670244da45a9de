// giamngheo migrate: creates or upgrades the database and loads the reference data.
import { parseArgs } from 'node:util';
import { configFrom, EXIT, printJson, withDeps, type Io } from '../runtime.js';
import type { Command } from '../main.js';

export const migrateCommand: Command = {
  summary: 'Tạo/nâng cấp cơ sở dữ liệu / Create or upgrade the database',
  usage: 'migrate [--db PATH|URL] [--json]',
  async run(argv: string[], io: Io): Promise<number> {
    const { values } = parseArgs({
      args: argv,
      options: { db: { type: 'string' }, json: { type: 'boolean' } },
    });
    const config = configFrom(io, values);
    await withDeps(io, config, async () => undefined);
    if (values.json) printJson(io, { status: 'ok', db: config.db.replace(/\/\/[^@]*@/, '//***@') });
    else io.stderr.write('Cơ sở dữ liệu đã sẵn sàng. / The database is ready.\n');
    return EXIT.OK;
  },
};
