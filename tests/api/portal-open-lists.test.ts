// Open lists on the public portal, over the registry's real campaign: nothing is public before
// the posting; during the posting the proposed list shows the head of household's name and the
// village only — no citizen ID, no birth date, no member anywhere in the HTML; a citizen's
// feedback about a listed household becomes a complaint in the commune's campaign and its status
// follows the campaign; once recognised, the list and the statistics (small numbers suppressed)
// are public.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { SYSTEM } from '../../src/services/deps.js';
import { addVillage } from '../../src/services/villages.service.js';
import { importSurvey } from '../../src/services/registry/import.service.js';
import { getCampaign, transition } from '../../src/services/registry/campaign.service.js';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { solvedCaptcha } from '../support/portal.js';
import { ward2024Examples } from '../support/registry.js';

const examples = ward2024Examples;

/** A synthetic citizen ID consistent with the birth date: province 038, sex/century digit, year, sequence. */
function citizenId(birthDate: string, sex: string, seq: number): string {
  const year = Number(birthDate.slice(0, 4));
  const centuryDigit = (year >= 2000 ? 2 : 0) + (sex === 'F' ? 1 : 0);
  return `038${centuryDigit}${birthDate.slice(2, 4)}${String(100_000 + seq).slice(-6)}`;
}

let seq = 0;
/** The examples with a citizen ID on every member, placed in two residential groups. */
const records = examples.map((e, i) => ({
  ...e,
  village: i % 2 === 0 ? 'Tổ dân phố 1' : 'Tổ dân phố 2',
  members: (e.members as Member[]).map((m) => ({
    ...m,
    idNumber: citizenId(m.birthDate!, (m as { sex: string }).sex, ++seq),
  })),
}));

interface Member {
  name?: string;
  idNumber?: string | null;
  birthDate?: string;
}

/** Every personal datum of the members: citizen IDs, birth dates in both spellings, non-head names. */
function personalData(): { ids: string[]; births: string[]; memberNames: string[] } {
  const ids: string[] = [];
  const births: string[] = [];
  const memberNames: string[] = [];
  for (const e of records) {
    const members = e.members as Member[];
    members.forEach((m, i) => {
      if (m.idNumber) ids.push(m.idNumber);
      if (m.birthDate) {
        births.push(m.birthDate);
        const [y, mo, d] = m.birthDate.split('-');
        births.push(`${d}/${mo}/${y}`);
      }
      if (i > 0 && m.name) memberNames.push(m.name);
    });
  }
  return { ids, births, memberNames };
}

for (const dialect of DIALECTS) {
  describe(`open lists (${dialect})`, () => {
    let deps: TestDeps;
    let app: FastifyInstance;
    const ref = { communeCode: '14830', period: 2024 };

    beforeAll(async () => {
      deps = await makeDeps(dialect, new Date('2024-10-28T03:00:00.000Z'));
      app = await buildApp(deps);
      for (const name of ['Tổ dân phố 1', 'Tổ dân phố 2']) {
        await addVillage(deps, SYSTEM, { communeCode: '14830', on: '2024-10-01', name, kind: 'to-dan-pho' });
      }
      const imported = await importSurvey(
        deps,
        SYSTEM,
        { format: 'records', name: 'test', records },
        { status: 'draft' },
      );
      expect(imported.rejected).toBe(0);
    });
    afterAll(async () => {
      await app.close();
      await deps.cleanup();
    });

    async function listed() {
      return deps.db.kysely
        .selectFrom('review_result as r')
        .innerJoin('household as h', 'h.id', 'r.household_id')
        .select(['h.id', 'h.head_name', 'h.household_key', 'r.classification'])
        .where('r.unit_code', '=', '14830')
        .where('r.classification', 'in', ['POOR', 'NEAR_POOR'])
        .execute();
    }

    it('nothing is public before the posting', async () => {
      const c = await transition(deps, SYSTEM, { ...ref, action: { type: 'open-meetings', villages: [] } });
      expect((await app.inject({ method: 'GET', url: '/cong-khai/14830' })).statusCode).toBe(404);
      for (const v of c.state.villages) {
        await transition(deps, SYSTEM, {
          ...ref,
          action: {
            type: 'record-meeting',
            villageId: v.villageId,
            date: '2024-10-20',
            present: 10,
            agreeing: 8,
            chair: 'Tổ trưởng',
            supervisor: 'MTTQ phường',
            minutesCopies: 2,
            agreedHouseholds: [],
          },
        });
      }
      await transition(deps, SYSTEM, { ...ref, action: { type: 'start-posting', startDate: '2024-10-25' } });
    });

    it('the proposed list shows head names and villages, and no citizen ID, birth date or member', async () => {
      const rows = await listed();
      expect(rows.length).toBeGreaterThan(0);
      const index = await app.inject({ method: 'GET', url: '/cong-khai' });
      expect(index.body).toContain('href="/cong-khai/14830?nam=2024"');
      const r = await app.inject({ method: 'GET', url: '/cong-khai/14830' });
      expect(r.statusCode).toBe(200);
      const page = r.body;
      expect(page).toContain('Danh sách dự kiến hộ nghèo, hộ cận nghèo năm 2024');
      expect(page).toContain('Thời gian niêm yết, nhận ý kiến: từ 25/10/2024 đến hết 29/10/2024');
      for (const row of rows) expect(page).toContain(`<td>${row.head_name}</td>`);
      const { ids, births, memberNames } = personalData();
      expect(ids.length).toBeGreaterThan(0);
      // The registry does hold them: the page had them at hand and did not show them.
      const stored = await deps.db.kysely
        .selectFrom('household_member')
        .select('id_number')
        .where('id_number', 'is not', null)
        .execute();
      expect(stored).toHaveLength(ids.length);
      for (const id of ids) expect(page).not.toContain(id);
      for (const b of births) expect(page).not.toContain(b);
      for (const n of memberNames.filter((n) => !rows.some((row) => row.head_name === n)))
        expect(page).not.toContain(`>${n}<`);
      // No 12-digit number (the shape of a citizen ID) and no household key anywhere in the page.
      expect(page).not.toMatch(/\b\d{12}\b/);
      for (const row of rows) expect(page).not.toContain(row.household_key);
    });

    it('feedback about a listed household becomes a complaint in the campaign, followed with its code', async () => {
      const target = (await listed())[0]!;
      const form = await app.inject({ method: 'GET', url: `/gop-y?xa=14830&ho=${target.id}` });
      expect(form.body).toContain(`name="householdRef" value="${target.id}"`);
      const before = await getCampaign(deps, SYSTEM, ref);
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/feedback',
        payload: {
          kind: 'list',
          communeCode: '14830',
          householdRef: String(target.id),
          name: 'Hàng xóm Lê Văn Tư',
          subject: 'Đề nghị xem lại',
          body: 'Hộ này mới mua ô tô.',
          captcha: await solvedCaptcha(app),
        },
      });
      expect(r.statusCode).toBe(201);
      const { code, complaintFiled } = r.json() as { code: string; complaintFiled: boolean };
      expect(complaintFiled).toBe(true);
      const after = await getCampaign(deps, SYSTEM, ref);
      expect(after.state.complaints).toHaveLength(before.state.complaints.length + 1);
      const complaint = after.state.complaints[after.state.complaints.length - 1]!;
      expect(complaint).toMatchObject({
        householdKey: target.household_key,
        complainant: 'Hàng xóm Lê Văn Tư',
        receivedOn: '2024-10-28',
        status: 'open',
      });
      expect(after.timeline[after.timeline.length - 1]).toMatchObject({
        actor: 'cong-thong-tin',
        action: 'file-complaint',
      });
      const look = await app.inject({ method: 'GET', url: `/gop-y/tra-cuu?ma=${code}` });
      expect(look.body).toContain('Đang xem xét, phúc tra');

      // A reference that is not on the list is a coded error naming the field.
      const bad = await app.inject({
        method: 'POST',
        url: '/api/v1/feedback',
        payload: {
          kind: 'list',
          communeCode: '14830',
          householdRef: '999999',
          name: 'A',
          subject: 'B',
          body: 'C',
          captcha: await solvedCaptcha(app),
        },
      });
      expect(bad.json().error).toMatchObject({ code: 'FIELD_INVALID', field: 'householdRef' });

      // The posting window (to the end of 29/10) is over though the officers have not closed it:
      // the proposed list is withdrawn — the page says so and shows no name.
      deps.setNow(new Date('2024-10-29T16:59:00.000Z'));
      expect((await app.inject({ method: 'GET', url: '/cong-khai/14830' })).body).toContain(
        `<td>${target.head_name}</td>`,
      );
      deps.setNow(new Date('2024-10-29T17:00:00.000Z'));
      const ended = await app.inject({ method: 'GET', url: '/cong-khai/14830' });
      expect(ended.statusCode).toBe(200);
      expect(ended.body).toContain('Thời gian niêm yết đã kết thúc ngày 29/10/2024');
      for (const row of await listed()) expect(ended.body).not.toContain(row.head_name);
      const index = await app.inject({ method: 'GET', url: '/cong-khai' });
      expect(index.body).toContain('đã hết thời gian niêm yết');
      expect(index.body).not.toContain('Thời gian niêm yết, nhận ý kiến');

      // The officers resolve it in the campaign; the citizen sees the outcome with the same code.
      deps.setNow(new Date('2024-10-31T03:00:00.000Z'));
      await transition(deps, SYSTEM, { ...ref, action: { type: 'close-posting', on: '2024-10-30' } });
      await transition(deps, SYSTEM, {
        ...ref,
        action: {
          type: 'resolve-complaint',
          complaintId: complaint.id,
          outcome: 'rejected',
          reason: 'Phúc tra: thu nhập không đổi',
          resolvedOn: '2024-10-31',
        },
      });
      const answered = await app.inject({ method: 'GET', url: `/gop-y/tra-cuu?ma=${code}` });
      expect(answered.body).toContain('Không chấp nhận');
      expect(answered.body).toContain('Phúc tra: thu nhập không đổi');
      // Between the posting and the recognition the list is not public: the page says the posting ended.
      deps.setNow(new Date('2024-11-01T03:00:00.000Z'));
      const between = await app.inject({ method: 'GET', url: '/cong-khai/14830' });
      expect(between.body).toContain('Thời gian niêm yết đã kết thúc ngày 29/10/2024');
      for (const row of await listed()) expect(between.body).not.toContain(row.head_name);
    });

    it('once recognised, the list and the statistics are public, small numbers suppressed', async () => {
      await transition(deps, SYSTEM, {
        ...ref,
        action: {
          type: 'recognise',
          decisionNumber: '125/QĐ-UBND',
          decisionDate: '2024-11-04',
          signer: 'Chủ tịch UBND phường',
        },
      });
      deps.setNow(new Date('2024-11-05T03:00:00.000Z'));
      const list = await app.inject({ method: 'GET', url: '/cong-khai/14830' });
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('đã được công nhận');
      expect(list.body).toContain('Quyết định công nhận số 125/QĐ-UBND ngày 04/11/2024');
      const { ids, births } = personalData();
      for (const id of ids) expect(list.body).not.toContain(id);
      for (const b of births) expect(list.body).not.toContain(b);

      const rows = await listed();
      const poor = rows.filter((r) => r.classification === 'POOR').length;
      const near = rows.filter((r) => r.classification === 'NEAR_POOR').length;
      const stats = await app.inject({ method: 'GET', url: '/cong-khai/thong-ke/14830?nam=2024' });
      expect(stats.statusCode).toBe(200);
      const shown = (n: number) => (n === 0 ? '0' : n < 5 ? '&lt; 5' : String(n));
      expect(stats.body).toContain(`<td>${shown(poor)}</td>`);
      expect(stats.body).toContain(`<td>${shown(near)}</td>`);
      expect(stats.body).toContain(`<td>${shown(examples.length)}</td>`);
      if (poor < 5) expect(stats.body).not.toMatch(new RegExp(`<td>${poor}</td>`));
      // The district's page lists the ward; the index links it; the unit-code form finds it.
      const index = await app.inject({ method: 'GET', url: '/cong-khai' });
      expect(index.body).toContain('href="/cong-khai/thong-ke/382"');
      expect(index.body).toContain('Số liệu thống kê – Thành phố Sầm Sơn');
      expect(index.body).not.toContain('Đơn vị 382');
      const form = await app.inject({ method: 'GET', url: '/cong-khai/thong-ke?don-vi=382' });
      expect(form.statusCode).toBe(303);
      expect(form.headers.location).toBe('/cong-khai/thong-ke/382');
      // By name, without accents and without JavaScript: a list of links to each unit's page.
      const byName = await app.inject({ method: 'GET', url: '/cong-khai/thong-ke?don-vi=sam+son' });
      expect(byName.statusCode).toBe(200);
      expect(byName.body).toContain('<a href="/cong-khai/thong-ke/382">Thành phố Sầm Sơn</a>');
      expect(byName.body).toContain('đến 30/06/2025');
      expect(byName.body).toContain('Phường Nam Sầm Sơn');
      const one = await app.inject({ method: 'GET', url: '/cong-khai/thong-ke?don-vi=trung+son+sam' });
      expect([200, 303]).toContain(one.statusCode);
      const none = await app.inject({ method: 'GET', url: '/cong-khai/thong-ke?don-vi=khong+co+xa+nay' });
      expect(none.statusCode).toBe(200);
      expect(none.body).toContain('Không tìm thấy đơn vị nào');
      // The feedback form names the communes of the posted lists; no code box.
      const feedback = await app.inject({ method: 'GET', url: '/gop-y?xa=14830&ho=1' });
      expect(feedback.body).toMatch(/<option value="14830"\s+selected\s*>Phường Trung Sơn<\/option>/);
      expect(feedback.body).not.toContain('inputmode="numeric"');
      const district = await app.inject({ method: 'GET', url: '/cong-khai/thong-ke/382?nam=2024' });
      expect(district.statusCode).toBe(200);
      expect(district.body).toContain('Phường Trung Sơn');
    });
  });
}
