// Configuration is read once at start-up from the environment (and CLI flags that override it),
// validated, and every bad key is reported at once: a province's operator should fix the whole
// .env in one pass rather than discover problems one restart at a time.
import { isIP } from 'node:net';
import { z } from 'zod';
import { AppError } from './errors.js';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const schema = z.object({
  /** Database: a file path for SQLite (default) or a postgres:// URL. */
  GIAMNGHEO_DB: z.string().min(1).default('./data/giamngheo.sqlite'),
  /** Port of `serve`/`demo`. */
  GIAMNGHEO_PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  /** Address to listen on; 0.0.0.0 to serve a local network. */
  GIAMNGHEO_HOST: z.string().min(1).default('127.0.0.1'),
  /** Log level of the server (pino). */
  GIAMNGHEO_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Session lifetime in hours after the last request. */
  GIAMNGHEO_SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** Set the Secure flag on cookies (behind HTTPS). */
  GIAMNGHEO_SECURE_COOKIES: bool.default(false),
  /** Public name of the site, shown on the portal. */
  GIAMNGHEO_SITE_NAME: z.string().min(1).default('Giảm nghèo bền vững'),
  /** Where uploaded photos and attachments are kept. */
  GIAMNGHEO_UPLOAD_DIR: z.string().min(1).default('./data/uploads'),
  /** Length of the public posting / complaint window, in working days (Decision 24/2021: 3). */
  GIAMNGHEO_POSTING_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(3),
  /**
   * Which reverse proxies may tell the client's address (X-Forwarded-For): off by default, `true`
   * for any, or a comma list of addresses and CIDR ranges (`127.0.0.1,10.0.0.0/8`).
   */
  GIAMNGHEO_TRUST_PROXY: z
    .string()
    .trim()
    .transform((v, ctx): TrustProxy => {
      const lower = v.toLowerCase();
      if (['false', '0', 'no', 'off'].includes(lower)) return false;
      if (['true', '1', 'yes', 'on'].includes(lower)) return true;
      const items = v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      const bad = items.filter((x) => !isAddressOrCidr(x));
      if (items.length === 0 || bad.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `not true/false nor a list of IP addresses or CIDR ranges: ${bad.join(', ') || v}`,
        });
        return z.NEVER;
      }
      return items;
    })
    .default(false),
  /** Largest survey file an upload may carry, in MB (streamed to a temporary file; 413 past it). */
  GIAMNGHEO_UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(4096).default(200),
  // Operations (issue 17, docs/decisions/0028-operations.md).
  /** Where `serve`/`migrate` write the backup taken before a migration. */
  GIAMNGHEO_BACKUP_DIR: z.string().min(1).default('./data/backups'),
  /** /metrics: `local` (only from the machine itself), `admin` (a signed-in administrator), `off`. */
  GIAMNGHEO_METRICS: z.enum(['local', 'admin', 'off']).default('local'),
  /** On SIGTERM, how long requests in flight and running imports may take before they are stopped. */
  GIAMNGHEO_SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  // ── personal data (issue 17) ──
  /** Years after leaving the registry before a household's data is erased (`giamngheo retention`). */
  GIAMNGHEO_RETENTION_YEARS: z.coerce.number().int().min(1).max(100).default(5),
});

/** The environment variables the app reads (the shipped deploy/giamngheo.env is checked against it). */
export const CONFIG_KEYS: readonly string[] = Object.keys(schema.shape);

/** Fastify's trustProxy: false, true, or the addresses and CIDR ranges of the trusted proxies. */
export type TrustProxy = boolean | string[];

function isAddressOrCidr(value: string): boolean {
  const [address = '', prefix, ...rest] = value.split('/');
  if (rest.length > 0) return false;
  const version = isIP(address);
  if (version === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

export type Config = {
  db: string;
  port: number;
  host: string;
  logLevel: z.infer<typeof schema>['GIAMNGHEO_LOG_LEVEL'];
  sessionHours: number;
  secureCookies: boolean;
  siteName: string;
  uploadDir: string;
  postingWorkingDays: number;
  trustProxy: TrustProxy;
  uploadMaxMb: number;
  backupDir: string;
  metrics: 'local' | 'admin' | 'off';
  shutdownGraceSeconds: number;
  retentionYears: number;
};

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Config> = {},
): Config {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const parsed = schema.safeParse(picked);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map(
        (issue) =>
          `${issue.path.join('.')}=${JSON.stringify(picked[String(issue.path[0])] ?? '')} (${issue.message})`,
      )
      .join('; ');
    throw new AppError('CONFIG_INVALID', { detail });
  }
  const c = parsed.data;
  return {
    db: c.GIAMNGHEO_DB,
    port: c.GIAMNGHEO_PORT,
    host: c.GIAMNGHEO_HOST,
    logLevel: c.GIAMNGHEO_LOG_LEVEL,
    sessionHours: c.GIAMNGHEO_SESSION_HOURS,
    secureCookies: c.GIAMNGHEO_SECURE_COOKIES,
    siteName: c.GIAMNGHEO_SITE_NAME,
    uploadDir: c.GIAMNGHEO_UPLOAD_DIR,
    postingWorkingDays: c.GIAMNGHEO_POSTING_WORKING_DAYS,
    trustProxy: c.GIAMNGHEO_TRUST_PROXY,
    uploadMaxMb: c.GIAMNGHEO_UPLOAD_MAX_MB,
    backupDir: c.GIAMNGHEO_BACKUP_DIR,
    metrics: c.GIAMNGHEO_METRICS,
    shutdownGraceSeconds: c.GIAMNGHEO_SHUTDOWN_GRACE_SECONDS,
    retentionYears: c.GIAMNGHEO_RETENTION_YEARS,
    ...overrides,
  };
}
