// The end-to-end harness: the real application (buildApp, listening on 127.0.0.1 at a random
// port) on a temporary SQLite file prepared as `giamngheo serve` prepares it (migrations, every
// administrative unit, the national standards), with a few accounts; and Debian's Chromium
// through playwright-core with a fresh profile.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { PassThrough } from 'node:stream';
import { openDeps } from '../../src/cli/runtime.js';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { createUser } from '../../src/services/users.service.js';
import { SYSTEM, type Deps, type Role } from '../../src/services/deps.js';

export const CHROMIUM = process.env.GIAMNGHEO_CHROMIUM ?? '/usr/bin/chromium';

/** Flags measured to work with Debian's Chromium in a container (see STACK.md). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestAccount {
  username: string;
  password: string;
  role: Role;
  unitCode: string | null;
  displayName: string;
}

/** Synthetic accounts, one per kind of scope the shell treats differently. */
export const ACCOUNTS = {
  province: {
    username: 'tinh.thanhhoa',
    password: 'mat-khau-tinh-2024',
    role: 'province-officer',
    unitCode: '38',
    displayName: 'Sở Nông nghiệp và Môi trường Thanh Hóa',
  },
  district: {
    username: 'ldtbxh.samson',
    password: 'mat-khau-huyen-2024',
    role: 'province-officer',
    unitCode: '382',
    displayName: 'Phòng Lao động – Thương binh và Xã hội TP Sầm Sơn',
  },
  commune: {
    username: 'xa.daihung',
    password: 'mat-khau-xa-2024',
    role: 'commune-officer',
    unitCode: '16516',
    displayName: 'Cán bộ chính sách xã Đại Hùng',
  },
  admin: {
    username: 'quantri',
    password: 'mat-khau-quan-tri',
    role: 'admin',
    unitCode: null,
    displayName: 'Quản trị hệ thống',
  },
  // The demo's other roles (src/services/demo/foundation.seed.ts), so a test can sign in as each.
  finance: {
    username: 'taichinh.samson',
    password: 'mat-khau-tai-chinh-2024',
    role: 'finance-officer',
    unitCode: '382',
    displayName: 'Phòng Tài chính – Kế hoạch TP Sầm Sơn',
  },
  supervisor: {
    username: 'mttq.samson',
    password: 'mat-khau-mttq-2024',
    role: 'supervisor',
    unitCode: '382',
    displayName: 'Ủy ban MTTQ Việt Nam TP Sầm Sơn',
  },
  editor: {
    username: 'bientap',
    password: 'mat-khau-bien-tap-2024',
    role: 'editor',
    unitCode: '382',
    displayName: 'Phòng Văn hóa – Thông tin TP Sầm Sơn',
  },
} satisfies Record<string, TestAccount>;

export interface RunningApp {
  url: string;
  deps: Deps;
  app: FastifyInstance;
  dir: string;
  stop(): Promise<void>;
}

/** Starts the product on a fresh SQLite file in a temporary directory. */
export async function startApp(): Promise<RunningApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'giamngheo-e2e-'));
  const file = path.join(dir, 'giamngheo.sqlite');
  const config = loadConfig({}, { db: file, secureCookies: false, uploadDir: path.join(dir, 'uploads') });
  // Exactly what `giamngheo serve` does at start: migrate, load the units, write the standards.
  const quiet = new PassThrough();
  quiet.resume();
  const deps: Deps = await openDeps(
    { stdout: quiet, stderr: quiet, stdin: new PassThrough(), env: {} },
    config,
  );
  const db = deps.db;
  for (const a of Object.values(ACCOUNTS)) {
    await createUser(deps, SYSTEM, {
      username: a.username,
      password: a.password,
      role: a.role,
      unitCode: a.unitCode,
      displayName: a.displayName,
    });
  }
  const app = await buildApp(deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    deps,
    app,
    dir,
    async stop() {
      await app.close();
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Page errors and console errors other than expected HTTP answers (a 401 before sign-in). */
  problems: string[];
  close(): Promise<void>;
}

/** Chromium with a fresh profile, sized like the office laptop the product is built for. */
export async function launchBrowser(
  opts: { width?: number; height?: number; locale?: string } = {},
): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'giamngheo-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: opts.width ?? 1366, height: opts.height ?? 768 },
    locale: opts.locale ?? 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // The browser logs every non-2xx answer; the app shows those to the user on purpose.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      problems.push(`console: ${m.text()}`);
  });
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

const SHOTS = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../test-results/e2e');

/** Saves a PNG (the whole page, or only the window) under test-results/e2e/ and returns its path (for looking at it). */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** Signs in through the form, as a user would. */
export async function signIn(page: Page, url: string, account: TestAccount): Promise<void> {
  await page.goto(`${url}/app/login`);
  await page.getByLabel('Tên đăng nhập').fill(account.username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  // The overview is the heaviest first page: a minute, for a loaded machine with several browsers.
  await page.getByRole('heading', { level: 1, name: 'Tổng quan' }).waitFor({ timeout: 60_000 });
}

/** Whether the element has the keyboard focus (the server tsconfig has no DOM types). */
export async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const node = el as unknown as { ownerDocument: { activeElement: unknown } };
    return node.ownerDocument.activeElement === node;
  });
}

/** The text of the elements named by a field's aria-describedby (its hint and its error). */
export async function describedText(page: Page, field: Locator): Promise<string> {
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const parts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return parts.join(' ');
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource: string | undefined;
const AXE_SOURCE = () => (axeSource ??= fs.readFileSync(AXE, 'utf8'));

export interface A11yViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the current page and returns the serious and
 * critical violations (every violation with `everyImpact`), each with the elements it names, so a
 * failing test says what to fix.
 */
export async function accessibilityProblems(
  page: Page,
  opts: { everyImpact?: boolean } = {},
): Promise<A11yViolation[]> {
  // Evaluated through the DevTools protocol, not as a <script> tag: the web app's Content Security
  // Policy forbids inline scripts, and the test must not need a hole in it.
  if (!(await page.evaluate<boolean>('typeof axe !== "undefined"'))) await page.evaluate(AXE_SOURCE());
  const every = opts.everyImpact === true;
  return page.evaluate<A11yViolation[]>(`
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((r) => r.violations
        .filter((v) => ${every} || v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })))
  `);
}
