// The offline survey's API (issue 15, decision 0036) on both engines: the assignment package (gzip,
// members and last answers, within scope and personal-data rights), the sync of queued surveys
// (applied with the server's class, duplicate on a resend with nothing written, conflict with the
// server's version, rejected with a coded error naming the field, one failure not stopping the
// rest), and the wipe answer for a revoked assignment or a disabled account.
import zlib from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { importSurvey } from '../../src/services/registry/import.service.js';
import { SYSTEM } from '../../src/services/deps.js';
import { addVillage } from '../../src/services/villages.service.js';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildSession } from '../support/builders.js';
import { asRaw, buildMember, buildRecord } from '../support/survey.js';
import type { OfflinePackage, OfflineSyncResponse } from '../../src/http/schemas/offline.js';

type Auth = Record<string, string>;

for (const dialect of DIALECTS) {
  describe(`offline survey API (${dialect})`, () => {
    let deps: TestDeps;
    let app: FastifyInstance;
    let officer: Auth & { userId: string };
    let pkg: OfflinePackage;

    const records = [
      buildRecord({ householdId: 'OF-1' }),
      buildRecord({
        householdId: 'OF-2',
        members: [buildMember({ name: 'Phạm Thị Hoa', sex: 'F', birthDate: '1975-03-02' })],
      }),
    ];

    const sync = async (auth: Auth, body: unknown) =>
      app.inject({ method: 'POST', url: '/api/v1/offline/sync', headers: auth, payload: body as object });

    beforeAll(async () => {
      deps = await makeDeps(dialect, new Date('2024-10-20T03:00:00Z'));
      app = await buildApp(deps);
      const r = await importSurvey(
        deps,
        SYSTEM,
        { format: 'records', name: 'offline', records: records.map(asRaw) },
        { period: 2024, status: 'draft' },
      );
      expect(r.errors).toEqual([]);
      const s = await buildSession(deps, { role: 'commune-officer', unitCode: '14830' });
      officer = { cookie: s.cookie, 'x-csrf-token': s.csrf, userId: String(s.user.id) };
    });
    afterAll(async () => {
      await app.close();
      await deps.cleanup();
    });

    const auth = () => ({ cookie: officer.cookie!, 'x-csrf-token': officer['x-csrf-token']! });

    it('hands the commune’s households with members and last answers, gzip-compressed', async () => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/offline/assignment?unit=14830',
        headers: { ...auth(), 'accept-encoding': 'gzip' },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-encoding']).toBe('gzip');
      pkg = JSON.parse(zlib.gunzipSync(res.rawPayload).toString('utf8')) as OfflinePackage;
      expect(pkg.assignment).toMatchObject({ unitCode: '14830', period: 2024 });
      expect(pkg.assignment.token.length).toBeGreaterThan(30);
      expect(pkg.periodStandard).toBe('ND07_2021');
      expect(pkg.standards.map((s) => s.code)).toContain('ND07_2021');
      expect(pkg.fields.some((f) => f.path === 'incomePerCapitaMonthly')).toBe(true);
      expect(pkg.households.map((h) => h.householdId)).toEqual(['OF-1', 'OF-2']);
      const two = pkg.households[1]!;
      expect(two).toMatchObject({ headName: 'Phạm Thị Hoa', version: 1 });
      expect(two.members).toEqual([
        { name: 'Phạm Thị Hoa', idNumber: null, birthDate: '1975-03-02', sex: 'F', relation: 'head' },
      ]);
      expect(two.last).toMatchObject({ period: 2024, status: 'draft', frozen: false });
      expect(two.last!.answers).toMatchObject({ householdId: 'OF-2', incomePerCapitaMonthly: 1_900_000 });
    });

    it('refuses roles without the right, and communes outside the scope', async () => {
      const fin = await buildSession(deps, { role: 'finance-officer', unitCode: '382' });
      const masked = await app.inject({
        method: 'GET',
        url: '/api/v1/offline/assignment?unit=14830',
        headers: { cookie: fin.cookie },
      });
      expect(masked.statusCode).toBe(403);
      expect(masked.json().error.code, masked.body).toBe('FORBIDDEN_ROLE');
      const other = await app.inject({
        method: 'GET',
        url: '/api/v1/offline/assignment?unit=16513',
        headers: auth(),
      });
      expect(other.statusCode).toBe(403);
      expect(other.json().error.code).toBe('FORBIDDEN_SCOPE');
    });

    it('applies queued surveys in order, each on its own, and a resend writes nothing', async () => {
      const base = pkg.households[0]!;
      const poorer = { ...base.last!.answers, incomePerCapitaMonthly: 1_000_000 };
      const fresh = asRaw(
        buildRecord({
          householdId: 'OF-NEW',
          incomePerCapitaMonthly: 900_000,
          members: [buildMember({ name: 'Đỗ Văn Tâm', birthDate: '1969-08-08' })],
        }),
      );
      const bad = { ...asRaw(buildRecord({ householdId: 'OF-2' })), surveyDate: '2024-13-40' };
      const items = [
        { clientId: randomUUID(), householdId: 'OF-1', baseVersion: base.version, survey: poorer },
        { clientId: randomUUID(), householdId: 'OF-2', baseVersion: 1, survey: bad },
        { clientId: randomUUID(), householdId: 'OF-NEW', baseVersion: null, survey: fresh },
      ];
      const body = { assignment: pkg.assignment.token, items };
      const first = await sync(auth(), body);
      expect(first.statusCode, first.body).toBe(200);
      const r = (first.json() as OfflineSyncResponse).results;
      expect(
        r.map((x) => x.status),
        JSON.stringify(r),
      ).toEqual(['applied', 'rejected', 'applied']);
      expect(r[0]).toMatchObject({ householdId: 'OF-1', version: 2, classification: 'NEAR_POOR' });
      expect(r[1]!.error).toMatchObject({ code: 'DATE_INVALID', field: 'surveyDate' });
      expect(r[2]).toMatchObject({ householdId: 'OF-NEW', version: 1, classification: 'NEAR_POOR' });

      // The server's own page agrees with the class the sync answered.
      const page = await app.inject({
        method: 'GET',
        url: '/api/v1/registry/households/OF-NEW',
        headers: auth(),
      });
      expect(page.json().results[0]).toMatchObject({ period: 2024, classification: 'NEAR_POOR' });
      const changesBefore = await deps.db.kysely
        .selectFrom('household_change')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();

      const again = await sync(auth(), body);
      const r2 = (again.json() as OfflineSyncResponse).results;
      expect(r2.map((x) => x.status)).toEqual(['duplicate', 'rejected', 'duplicate']);
      expect(r2[0]).toMatchObject({ householdId: 'OF-1', version: 2, classification: 'NEAR_POOR' });
      expect(r2[2]).toMatchObject({ householdId: 'OF-NEW', version: 1, classification: 'NEAR_POOR' });
      const changesAfter = await deps.db.kysely
        .selectFrom('household_change')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(changesAfter.n)).toBe(Number(changesBefore.n));
      const one = await app.inject({
        method: 'GET',
        url: '/api/v1/registry/households/OF-1',
        headers: auth(),
      });
      expect(one.json().version).toBe(2);
    });

    it('answers a household changed since the base version with the server’s version', async () => {
      // OF-1 is at version 2 now; a device that started from version 1 conflicts.
      const survey = { ...pkg.households[0]!.last!.answers, incomePerCapitaMonthly: 5_000_000 };
      const res = await sync(auth(), {
        assignment: pkg.assignment.token,
        items: [{ clientId: randomUUID(), householdId: 'OF-1', baseVersion: 1, survey }],
      });
      const [c] = (res.json() as OfflineSyncResponse).results;
      expect(c).toMatchObject({ status: 'conflict', householdId: 'OF-1' });
      expect(c!.server).toMatchObject({ householdId: 'OF-1', version: 2, headName: 'Lê Văn Hùng' });
      // A household added on a device whose code the server already has is a conflict too.
      const dup = await sync(auth(), {
        assignment: pkg.assignment.token,
        items: [
          { clientId: randomUUID(), householdId: 'OF-2', baseVersion: null, survey: asRaw(records[1]!) },
        ],
      });
      expect((dup.json() as OfflineSyncResponse).results[0]).toMatchObject({ status: 'conflict' });
      const one = await app.inject({
        method: 'GET',
        url: '/api/v1/registry/households/OF-1',
        headers: auth(),
      });
      expect(one.json().version).toBe(2);
    });

    it('refuses a survey of a commune outside the assignment, naming the field', async () => {
      const res = await sync(auth(), {
        assignment: pkg.assignment.token,
        items: [
          {
            clientId: randomUUID(),
            householdId: 'OF-X',
            baseVersion: null,
            survey: asRaw(buildRecord({ householdId: 'OF-X', unitCode: '16513' })),
          },
        ],
      });
      expect((res.json() as OfflineSyncResponse).results[0]).toMatchObject({
        status: 'rejected',
        error: { code: 'OFFLINE_ITEM_OUTSIDE_ASSIGNMENT', field: 'unitCode' },
      });
    });

    it('shows the photo and the position taken at the door on the household page, to readers of people only', async () => {
      // A 1×1 JPEG, as the device's canvas would send it (a data URL).
      const jpeg =
        '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=';
      const page = async (headers: Auth) =>
        app.inject({ method: 'GET', url: '/api/v1/registry/households/OF-2', headers });
      const before = (await page(auth())).json() as { version: number; fieldRecords: unknown[] };
      expect(before.fieldRecords).toEqual([]);
      const clientId = randomUUID();
      const position = { lat: 19.80712, lon: 105.77654, accuracy: 12, at: '2024-10-20T02:41:05.000Z' };
      const res = await sync(auth(), {
        assignment: pkg.assignment.token,
        items: [
          {
            clientId,
            householdId: 'OF-2',
            baseVersion: before.version,
            survey: { ...pkg.households[1]!.last!.answers, incomePerCapitaMonthly: 1_200_000 },
            photo: `data:image/jpeg;base64,${jpeg}`,
            position,
          },
        ],
      });
      expect((res.json() as OfflineSyncResponse).results[0], res.body).toMatchObject({ status: 'applied' });

      const seen = await page(auth());
      expect(seen.statusCode, seen.body).toBe(200);
      expect(seen.json().fieldRecords).toEqual([
        {
          id: clientId,
          sentAt: '2024-10-20T03:00:00.000Z',
          sentBy: expect.any(String),
          photo: true,
          position,
        },
      ]);
      const photo = await app.inject({
        method: 'GET',
        url: `/api/v1/registry/households/OF-2/photos/${clientId}`,
        headers: auth(),
      });
      expect(photo.statusCode, photo.body).toBe(200);
      expect(photo.headers['content-type']).toBe('image/jpeg');
      expect(photo.rawPayload.equals(Buffer.from(jpeg, 'base64'))).toBe(true);
      const none = await app.inject({
        method: 'GET',
        url: `/api/v1/registry/households/OF-1/photos/${clientId}`,
        headers: auth(),
      });
      expect(none.statusCode).toBe(404);
      expect(none.json().error).toMatchObject({ code: 'HOUSEHOLD_PHOTO_NOT_FOUND', field: 'clientId' });

      // A reader without personal-data rights sees neither the photo nor the position.
      const fin = await buildSession(deps, { role: 'finance-officer', unitCode: '38' });
      const masked = await page({ cookie: fin.cookie });
      expect(masked.statusCode, masked.body).toBe(200);
      expect(masked.json().fieldRecords).toEqual([]);
      expect(masked.body).not.toContain('105.77654');
      const refused = await app.inject({
        method: 'GET',
        url: `/api/v1/registry/households/OF-2/photos/${clientId}`,
        headers: { cookie: fin.cookie },
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('PERSONAL_DATA_FORBIDDEN');
    });

    it('tells a revoked or disabled device to wipe its data', async () => {
      const status = () =>
        app.inject({
          method: 'POST',
          url: '/api/v1/offline/status',
          payload: { assignment: pkg.assignment.token },
        });
      expect((await status()).json()).toEqual({ active: true, unitCode: '14830', period: 2024 });
      const admin = await buildSession(deps, { role: 'admin', unitCode: null });
      const revoke = await app.inject({
        method: 'POST',
        url: '/api/v1/offline/revoke',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
        payload: { userId: Number(officer.userId) },
      });
      expect(revoke.json()).toEqual({ revoked: 1 });
      const gone = await status();
      expect(gone.statusCode).toBe(410);
      expect(gone.json().error.code, gone.body).toBe('OFFLINE_WIPE');
      const refused = await sync(auth(), { assignment: pkg.assignment.token, items: [] });
      expect(refused.statusCode).toBe(410);
      expect(refused.json().error.code).toBe('OFFLINE_WIPE');

      // A new package, then the account is disabled: the device asks without a session.
      const again = await app.inject({
        method: 'GET',
        url: '/api/v1/offline/assignment?unit=14830',
        headers: auth(),
      });
      const token = (again.json() as OfflinePackage).assignment.token;
      await deps.db.kysely
        .updateTable('app_user')
        .set({ active: 0 })
        .where('id', '=', Number(officer.userId))
        .execute();
      const disabled = await app.inject({
        method: 'POST',
        url: '/api/v1/offline/status',
        payload: { assignment: token },
      });
      expect(disabled.statusCode).toBe(410);
      expect(disabled.json().error.code).toBe('OFFLINE_WIPE');
    });
  });
}

// A household surveyed before the 2025 reform keeps the village of its former commune: the device
// sends that village unchanged with a survey under the new commune, and the sync keeps it (it used
// to refuse it as a village not found, the demo's households being such households).
for (const dialect of DIALECTS) {
  describe(`offline sync of a household of a former commune (${dialect})`, () => {
    let deps: TestDeps;
    let app: FastifyInstance;

    beforeAll(async () => {
      deps = await makeDeps(dialect, new Date('2026-10-20T03:00:00Z'));
      app = await buildApp(deps);
    });
    afterAll(async () => {
      await app.close();
      await deps.cleanup();
    });

    it('keeps the village a household has from its former commune, and refuses another', async () => {
      const r = await importSurvey(
        deps,
        SYSTEM,
        {
          format: 'records',
          name: 'former',
          records: [asRaw(buildRecord({ householdId: 'OF-V', unitCode: '16513', surveyDate: '2024-10-15' }))],
        },
        { period: 2024, status: 'draft' },
      );
      expect(r.errors).toEqual([]);
      const own = await addVillage(deps, SYSTEM, {
        communeCode: '16513',
        on: '2024-10-01',
        name: 'Thôn 4',
        kind: 'thon',
      });
      const other = await addVillage(deps, SYSTEM, {
        communeCode: '16513',
        on: '2024-10-01',
        name: 'Thôn 5',
        kind: 'thon',
      });
      await deps.db.kysely
        .updateTable('household')
        .set({ village_id: own.id })
        .where('household_key', '=', 'OF-V')
        .execute();
      const s = await buildSession(deps, { role: 'commune-officer', unitCode: '16516' });
      const auth = { cookie: s.cookie, 'x-csrf-token': s.csrf };
      const got = await app.inject({
        method: 'GET',
        url: '/api/v1/offline/assignment?unit=16516',
        headers: auth,
      });
      expect(got.statusCode, got.body).toBe(200);
      const pkg = got.json() as OfflinePackage;
      const h = pkg.households.find((x) => x.householdId === 'OF-V')!;
      expect(h.villageId).toBe(own.id);
      const item = (villageId: number) => ({
        clientId: randomUUID(),
        householdId: 'OF-V',
        baseVersion: h.version,
        survey: { ...h.last!.answers, unitCode: '16516', surveyDate: '2026-10-20' },
        villageId,
      });
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/offline/sync',
        headers: auth,
        payload: { assignment: pkg.assignment.token, items: [item(other.id), item(own.id)] },
      });
      const [moved, kept] = (res.json() as OfflineSyncResponse).results;
      expect(moved, res.body).toMatchObject({
        status: 'rejected',
        error: { code: 'VILLAGE_NOT_FOUND', field: 'villageId' },
      });
      expect(kept, res.body).toMatchObject({ status: 'applied', householdId: 'OF-V', version: 2 });
      const page = await app.inject({
        method: 'GET',
        url: '/api/v1/registry/households/OF-V',
        headers: auth,
      });
      expect(page.json()).toMatchObject({ communeCode: '16516', village: { id: own.id, name: 'Thôn 4' } });
    });
  });
}
