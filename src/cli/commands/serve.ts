// giamngheo serve | demo: the web application, API and public portal on one port.
import { parseArgs } from 'node:util';
import { buildApp } from '../../http/app.js';
import { failInterruptedImportJobs, stopImportJobs } from '../../services/registry/import-jobs.js';
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
  // Jobs on record as running belong to an earlier run that was stopped or crashed.
  const cut = await failInterruptedImportJobs(deps);
  if (cut.length > 0)
    io.stderr.write(
      `${cut.length} lần nhập bị dừng dở được đánh dấu thất bại / interrupted imports marked failed: ${cut.join(', ')}\n`,
    );
  const app = await buildApp(deps, { logger: { level: config.logLevel } });
  // SIGTERM (systemd stop, docker stop) or SIGINT: stop listening, let the requests in flight
  // finish, let running imports complete within the grace period (else their threads are stopped
  // and their transactions roll back), close the database, exit 0. A second signal is ignored;
  // past the grace period plus ten seconds the process exits anyway, still with nothing half-written.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const graceMs = config.shutdownGraceSeconds * 1000;
    app.log.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), graceMs + 10_000).unref();
    const imports = stopImportJobs(graceMs);
    await Promise.race([app.close(), new Promise((r) => setTimeout(r, graceMs).unref())]);
    const ended = await imports;
    app.log.info(ended, 'imports ended');
    await deps.db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
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
