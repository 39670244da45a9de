// The route table against the scope rule: every /api/v1 route the app registers (collected with
// an onRoute hook while it is built) is called as every role — and anonymously — against the rows
// of a commune outside the caller's unit and of another province: a household with a known head
// name and 12-digit citizen IDs, its campaign with a complaint, an allocation with a disbursement
// and support, a meeting's task with an attachment. A call that names those rows (path, declared
// scope or a crafted body) must be refused as 400/401/403/404; no answer of any route may carry
// the fixture's people (names, citizen IDs, any 12-digit number, address) or another unit's
// voucher; and afterwards the fixture's rows are as they were.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { SYSTEM, type Role } from '../../src/services/deps.js';
import { getHousehold } from '../../src/services/registry/households.service.js';
import { getCampaign } from '../../src/services/registry/campaign.service.js';
import { householdSupport } from '../../src/services/finance/support.service.js';
import { showAllocation } from '../../src/services/finance/allocations.service.js';
import { showTask } from '../../src/services/finance/tasks.service.js';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildSession } from '../support/builders.js';
import { allocationInput } from '../support/finance.js';
import { asRaw, buildMember, buildRecord } from '../support/survey.js';
import {
  buildScopeFixture,
  OTHER_COMMUNE,
  OTHER_PROVINCE,
  twelveDigitsIn,
  type ScopeFixture,
} from '../support/scope.js';

interface ApiRoute {
  method: string;
  url: string;
  /** The declared scope key (config.access.scope), if any. */
  scope: string | undefined;
}

/** Who calls: a role and its unit, and which fixtures lie outside that unit. */
interface Caller {
  role: Role | 'anonymous';
  unit: string | null;
  /** 'A': the commune 14830 of the same province; 'B': the ward 00004 of Hà Nội. */
  against: ('A' | 'B')[];
}

const CALLERS: Caller[] = [
  { role: 'anonymous', unit: null, against: ['A', 'B'] },
  { role: 'commune-officer', unit: '16516', against: ['A', 'B'] },
  { role: 'finance-officer', unit: '16516', against: ['A', 'B'] },
  { role: 'supervisor', unit: '16516', against: ['A', 'B'] },
  { role: 'editor', unit: '16516', against: ['A', 'B'] },
  // The province officer of Thanh Hóa legitimately reads 14830: only Hà Nội is outside.
  { role: 'province-officer', unit: '38', against: ['B'] },
];

const REFUSED = new Set([400, 401, 403, 404]);

/** Routes that take a fixture's code or id and may still answer, with nothing personal. */
const MAY_ANSWER = new Set([
  // Reference data of administrative units: public facts.
  'GET /api/v1/units/:code',
  // The duplicate check answers "in another commune" and nothing more (issue 10, item 9).
  'POST /api/v1/registry/households/check-duplicates',
]);

/** Path parameters that name a fixture row. */
const ROW_PARAMS = new Set(['householdId', 'key', 'communeCode']);
const ROW_ID_PATHS = [/^\/api\/v1\/finance\/allocations\/:id/, /^\/api\/v1\/tasks\/(attachments\/)?:id/];

function multipart(fields: Record<string, string>, file: { name: string; content: Buffer }) {
  const boundary = '----giamngheo-routes';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** What of the fixture must not appear in an answer to someone outside its unit. */
function leaks(body: string, f: ScopeFixture): string[] {
  const found = [
    f.headName,
    f.spouseName,
    ...f.idNumbers,
    'Số 7, Thôn Một',
    f.voucherNo,
    String(f.disbursedAmount),
  ].filter((s) => body.includes(s));
  const twelve = twelveDigitsIn(body);
  if (twelve) found.push(`12 digits ${twelve}`);
  return found;
}

/** The commune a takeover would claim: the caller's own when in the fixture's province. */
const claimFor = (f: ScopeFixture) => (f.communeCode === '14830' ? '16516' : f.communeCode);

function surveyFor(f: ScopeFixture, householdId: string) {
  return asRaw(
    buildRecord({
      householdId,
      unitCode: claimFor(f),
      members: [buildMember({ name: 'Người Lạ Mặt', idNumber: f.idNumbers[0]! })],
    }),
  );
}

/** A plausible body for the writes that can reach the fixture's rows. */
function bodyFor(r: ApiRoute, f: ScopeFixture): object | undefined {
  const key = `${r.method} ${r.url}`;
  switch (key) {
    case 'POST /api/v1/registry/households':
    case 'PUT /api/v1/registry/households/:householdId':
      return { survey: surveyFor(f, f.householdId), expectedVersion: 0 };
    case 'POST /api/v1/registry/households/check-duplicates':
      return { survey: surveyFor(f, 'ROUTE-NEW-1') };
    case 'POST /api/v1/registry/campaigns/:communeCode/:period/transitions':
      return {
        action: {
          type: 'file-complaint',
          householdKey: f.householdId,
          complainant: 'Người Lạ Mặt',
          receivedOn: '2024-10-29',
          text: 'x',
        },
      };
    case 'POST /api/v1/finance/support':
      return {
        householdKey: f.householdId,
        unitCode: claimFor(f),
        disbursementId: f.disbursementId,
        date: '2024-06-01',
        amount: f.disbursedAmount,
        description: 'x',
      };
    case 'POST /api/v1/finance/disbursements':
      return {
        allocationId: f.allocationId,
        date: '2024-06-01',
        amount: 1000,
        voucherNo: 'ROUTE-1',
        activity: 'x',
        support: [{ householdKey: f.householdId, amount: 1000, unitCode: claimFor(f) }],
      };
    case 'POST /api/v1/finance/allocations/:id/adjustments':
      return { kind: 'cut', amount: 1000, date: '2024-06-01', reason: 'x' };
    case 'POST /api/v1/finance/allocations/:id/issues':
      return { reason: 'other', detail: 'x', proposal: 'stop', amount: 1000 };
    case 'POST /api/v1/finance/allocations':
      return allocationInput({ unitCode: f.communeCode, decisionNo: 'ROUTE/QĐ' });
    case 'POST /api/v1/finance/targets':
      return { unitCode: f.communeCode, year: 2024, kind: 'poor-rate-reduction', value: 1 };
    case 'POST /api/v1/meetings':
      return {
        unitCode: claimFor(f),
        date: '2024-06-01',
        title: 'x',
        chair: 'x',
        conclusions: 'x',
        tasks: [
          {
            assigneeKind: 'ward',
            assignee: 'x',
            assigneeUnitCode: f.communeCode,
            title: 'x',
            deadline: '2024-07-01',
          },
        ],
      };
    case 'POST /api/v1/tasks':
      return {
        meetingId: f.meetingId,
        assigneeKind: 'department',
        assignee: 'x',
        title: 'x',
        deadline: '2024-07-01',
      };
    case 'POST /api/v1/tasks/:id/updates':
      return { status: 'done', note: 'x', date: '2024-06-01' };
    case 'POST /api/v1/units/:code/villages':
      return { name: 'Thôn Lạ', kind: 'thon' };
    default:
      return ['POST', 'PUT', 'PATCH'].includes(r.method) ? {} : undefined;
  }
}

/** Whether the call names the fixture's rows, so that only a refusal is right. */
function namesFixture(r: ApiRoute): boolean {
  const key = `${r.method} ${r.url}`;
  if (MAY_ANSWER.has(key)) return false;
  if (r.scope) return true;
  const params = [...r.url.matchAll(/:([a-zA-Z]+)/g)].map((m) => m[1]!);
  if (params.some((p) => ROW_PARAMS.has(p))) return true;
  if (ROW_ID_PATHS.some((re) => re.test(r.url))) return true;
  return [
    'POST /api/v1/registry/households',
    'POST /api/v1/finance/support',
    'POST /api/v1/finance/disbursements',
    'POST /api/v1/meetings',
    'POST /api/v1/tasks',
  ].includes(key);
}

function urlFor(r: ApiRoute, f: ScopeFixture): string {
  const id = /\/finance\/allocations\/:id/.test(r.url)
    ? f.allocationId
    : /\/tasks\/attachments\/:id/.test(r.url)
      ? f.attachmentId
      : /\/tasks\/:id/.test(r.url)
        ? f.taskId
        : 1;
  const filled = r.url
    .replace(':householdId', encodeURIComponent(f.householdId))
    .replace(':key', encodeURIComponent(f.householdId))
    .replace(':communeCode', f.communeCode)
    .replace(':code', r.url.startsWith('/api/v1/units/') ? f.communeCode : 'QD90_2021_2025')
    .replace(':period', '2024')
    .replace(':format', 'xlsx')
    .replace(':component', 'DA4')
    .replace(':version', '1')
    .replace(':id', String(id));
  // Query keys the read routes take (unknown ones are ignored); writes also try to steer the
  // declared scope check to the caller's own unit with a query key.
  const q = new URLSearchParams({ unit: f.communeCode, period: '2024', year: '2024', case: f.householdId });
  if (r.method !== 'GET') q.set('unitCode', claimFor(f));
  return `${filled}?${q.toString()}`;
}

for (const dialect of DIALECTS) {
  describe(`route table against the scope rule (${dialect})`, () => {
    let deps: TestDeps;
    let app: FastifyInstance;
    let uploadDir: string;
    const fixtures: Record<'A' | 'B', ScopeFixture> = {} as Record<'A' | 'B', ScopeFixture>;
    const routes: ApiRoute[] = [];

    beforeAll(async () => {
      deps = await makeDeps(dialect);
      uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-routes-'));
      const withUploads = { ...deps, config: { ...deps.config, uploadDir } };
      fixtures.A = await buildScopeFixture(withUploads, OTHER_COMMUNE);
      fixtures.B = await buildScopeFixture(withUploads, OTHER_PROVINCE);
      app = await buildApp(withUploads, {
        onRoute: (route: RouteOptions) => {
          for (const method of [route.method].flat()) {
            if (method === 'HEAD' || !route.url.startsWith('/api/v1/')) continue;
            // `{ roles | permission, scope? }`, or a word ('public', 'user'), depending on the route.
            const access = route.config?.access as { scope?: string } | string | undefined;
            routes.push({
              method,
              url: route.url,
              scope: typeof access === 'object' ? access.scope : undefined,
            });
          }
        },
      });
      await app.ready();
    }, 180_000);
    afterAll(async () => {
      await app.close();
      fs.rmSync(uploadDir, { recursive: true, force: true });
      await deps.cleanup();
    });

    it('refuses a route without a declared access rule when the app is built', async () => {
      await expect(
        buildApp(deps, {
          plugins: [
            async (a) => {
              a.get('/api/v1/undeclared', async () => ({}));
            },
          ],
        }),
      ).rejects.toThrow(/GET \/api\/v1\/undeclared declares no access rule/);
    });

    it('answers every route, as every role, without reaching or telling the rows of another unit', async () => {
      expect(routes.length).toBeGreaterThan(60);
      // Signing out ends the caller's session: it is called last.
      const ordered = [
        ...routes.filter((r) => r.url !== '/api/v1/auth/logout'),
        ...routes.filter((r) => r.url === '/api/v1/auth/logout'),
      ];
      const failures: string[] = [];
      let calls = 0;
      for (const caller of CALLERS) {
        const s =
          caller.role === 'anonymous'
            ? undefined
            : await buildSession(deps, { role: caller.role, unitCode: caller.unit });
        const headers: Record<string, string> = s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {};
        for (const r of ordered) {
          for (const which of caller.against) {
            const f = fixtures[which];
            const url = urlFor(r, f);
            let res;
            if (r.method === 'POST' && r.url === '/api/v1/registry/imports') {
              // A survey file claiming the fixture's household for the caller's commune.
              const mp = multipart(
                { mode: 'valid-rows', status: 'approved' },
                { name: 'claim.jsonl', content: Buffer.from(JSON.stringify(surveyFor(f, f.householdId))) },
              );
              res = await app.inject({
                method: 'POST',
                url: `${url}&wait=true`,
                payload: mp.payload,
                headers: { ...mp.headers, ...headers },
              });
            } else {
              const body = bodyFor(r, f);
              res = await app.inject({
                method: r.method as 'GET',
                url,
                ...(body !== undefined ? { payload: body } : {}),
                headers,
              });
            }
            calls += 1;
            const what = `${caller.role}@${caller.unit ?? '-'} ${r.method} ${r.url} [${which}] → ${res.statusCode}`;
            const found = leaks(res.body, f);
            if (found.length > 0) failures.push(`${what}: carries ${found.join(', ')}`);
            else if (namesFixture(r) && !REFUSED.has(res.statusCode))
              failures.push(`${what}: not refused (${res.body.slice(0, 160)})`);
          }
        }
      }
      expect(failures).toEqual([]);
      expect(calls).toBeGreaterThan(600);

      // Nothing of the fixtures changed.
      for (const f of Object.values(fixtures)) {
        const h = await getHousehold(deps, SYSTEM, f.householdId);
        expect(h).toMatchObject({ communeCode: f.communeCode, version: 1, headName: f.headName });
        expect(h.members.map((m) => m.idNumber).slice(0, 2)).toEqual(f.idNumbers);
        const support = await householdSupport(deps, SYSTEM, { householdKey: f.householdId });
        expect(support.map((x) => x.amount)).toEqual([f.disbursedAmount]);
        const c = await getCampaign(deps, SYSTEM, { communeCode: f.communeCode, period: 2024 });
        expect(c.state.complaints.map((x) => x.complainant)).toEqual([f.headName]);
        const a = await showAllocation(deps, SYSTEM, f.allocationId);
        expect(a.entries.filter((e) => e.kind !== 'initial')).toEqual([]);
        expect(a.disbursements.map((d) => d.voucher_no)).toEqual([f.voucherNo]);
        expect(a.issues).toEqual([]);
        const t = await showTask(deps, SYSTEM, f.taskId);
        expect(t.status).toBe('in-progress');
        expect(t.updates).toHaveLength(1);
      }
    }, 300_000);

    it('shows the administrator everything (the fixture and the leak check are real)', async () => {
      const s = await buildSession(deps, { role: 'admin', unitCode: null });
      for (const f of Object.values(fixtures)) {
        const r = await app.inject({
          method: 'GET',
          url: `/api/v1/registry/households/${f.householdId}`,
          headers: { cookie: s.cookie },
        });
        expect(r.statusCode).toBe(200);
        expect(leaks(r.body, f)).toEqual(expect.arrayContaining([f.headName, f.idNumbers[0]!]));
      }
    });
  });
}
