// The product as a user starts it: `node bin/giamngheo.js serve --db FILE --port N` in a child
// process, then Chromium at /app/ — the sign-in page renders from the built SPA and a wrong
// password comes back as the coded Vietnamese error.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, type Browser } from './support.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let child: ChildProcess;
let dir: string;
let url: string;
let browser: Browser;
let stderr = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitForHealth(base: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`giamngheo serve exited ${child.exitCode}:\n${stderr}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`giamngheo serve did not answer /api/health in time:\n${stderr}`);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'giamngheo-cli-e2e-'));
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  child = spawn(
    process.execPath,
    [
      'bin/giamngheo.js',
      'serve',
      '--db',
      path.join(dir, 'x.sqlite'),
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
    ],
    { cwd: root, env: { ...process.env, GIAMNGHEO_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  await waitForHealth(url, Date.now() + 180_000);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('giamngheo serve', () => {
  it('serves the web app at /app/: the sign-in page renders and refuses a wrong password in Vietnamese', async () => {
    const { page } = browser;
    await page.goto(`${url}/app/`);
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    await page.getByLabel('Tên đăng nhập').fill('admin');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('not-a-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    expect(await alert.getAttribute('data-code')).toBe('AUTH_INVALID_CREDENTIALS');
    expect(await alert.textContent()).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    await screenshot(page, '00-cli-serve-login');
    expect(browser.problems).toEqual([]);
  });

  it('answers an unknown /app/ path with the application, which shows the sign-in page', async () => {
    const { page } = browser;
    await page.goto(`${url}/app/households/123`);
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/households/123');
  });
});
