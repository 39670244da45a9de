// giamngheo users add USERNAME --role ROLE [--unit CODE] --password-stdin
import { parseArgs } from 'node:util';
import { createUser } from '../../services/users.service.js';
import { SYSTEM } from '../../services/deps.js';
import { configFrom, EXIT, printJson, readAll, usage, withDeps, type Io } from '../runtime.js';
import type { Command } from '../main.js';

export const usersCommand: Command = {
  summary: 'Tạo tài khoản / Create an account',
  usage: 'users add USERNAME --role ROLE [--unit CODE] [--name "Họ tên"] --password-stdin',
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        unit: { type: 'string' },
        name: { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        db: { type: 'string' },
      },
    });
    const [sub, username] = positionals;
    if (sub !== 'add' || !username || !values.role) throw usage(this.usage);
    if (!values['password-stdin']) throw usage('--password-stdin là bắt buộc / --password-stdin is required');
    const password = (await readAll(io.stdin)).replace(/\r?\n$/, '');
    const config = configFrom(io, values);
    const user = await withDeps(io, config, (deps) =>
      createUser(deps, SYSTEM, {
        username,
        password,
        role: values.role!,
        unitCode: values.unit ?? null,
        ...(values.name ? { displayName: values.name } : {}),
      }),
    );
    if (values.json) printJson(io, user);
    else
      io.stderr.write(
        `Đã tạo tài khoản / Created account ${user.username} (${user.role}${user.unitCode ? `, ${user.unitCode}` : ''}).\n`,
      );
    return EXIT.OK;
  },
};
