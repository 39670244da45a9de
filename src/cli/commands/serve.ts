// giamngheo serve | demo: the web application, API and public portal on one port.
import { parseArgs } from 'node:util';
import { buildApp } from '../../http/app.js';
import { seedDemo } from '../../services/demo/index.js';
import { configFrom, EXIT, openDeps, progress, type Io } from '../runtime.js';
import type { Command } from '../main.js';

const options = {
  port: { type: 'string' },
  host: { type: 'string' },
  db: { type: 'string' },
} as const;

async function start(argv: string[], io: Io, demo: boolean): Promise<number> {
  const { values } = parseArgs({ args: argv, options });
  const config = configFrom(io, values, {
    ...(values.port ? { port: Number(values.port) } : {}),
    ...(values.host ? { host: values.host } : {}),
  });
  if (!Number.isInteger(config.port) || config.port < 1 || config.port > 65535) {
    io.stderr.write(`--port không hợp lệ / invalid --port: ${values.port}\n`);
    return EXIT.USAGE;
  }
  const deps = await openDeps(io, config);
  if (demo) {
    const { accounts } = await seedDemo(deps, progress(io));
    io.stderr.write(
      '\nTài khoản dùng thử / Demo accounts (tên đăng nhập / username — mật khẩu / password — vai trò / role):\n',
    );
    for (const a of accounts)
      io.stderr.write(
        `  ${a.username.padEnd(18)} ${a.password.padEnd(20)} ${a.role}${a.unitCode ? ` (${a.unitCode})` : ''}\n`,
      );
  }
  const app = await buildApp(deps, { logger: { level: config.logLevel } });
  const shutdown = async () => {
    await app.close();
    await deps.db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  await app.listen({ port: config.port, host: config.host });
  io.stderr.write(
    `\ngiamngheo: http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/ (ứng dụng / app: /app/, API: /api/docs)\n`,
  );
  return new Promise<number>(() => {}); // runs until a signal
}

export const serveCommand: Command = {
  summary: 'Chạy máy chủ web, API, cổng thông tin / Serve the web app, API and portal',
  usage: 'serve [--port N] [--host H] [--db PATH|URL]',
  run: (argv, io) => start(argv, io, false),
};

export const demoCommand: Command = {
  summary: 'Như serve, nạp dữ liệu mẫu trước / serve with the demo data set',
  usage: 'demo [--port N] [--host H] [--db PATH|URL]',
  run: (argv, io) => start(argv, io, true),
};
