// Supervision and Great Solidarity houses on both engines: recommendation → answer → overdue cycle
// (the Front writes, only the addressed unit answers, the board lists what is overdue), and houses
// through their stages to the report of households lifted out of housing deprivation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildUser } from '../support/builders.js';
import { codeOf } from '../support/errors.js';
import { frontRecord, loadRecords } from '../support/front.js';
import type { Actor, Role } from '../../src/services/deps.js';
import {
  addRecommendation,
  addVisit,
  answerRecommendation,
  createPlan,
  listPlansFor,
  listRecommendationsFor,
  overdueBoard,
} from '../../src/services/front/supervision.service.js';
import {
  advanceHouse,
  createHouse,
  housesByUnit,
  listHousesFor,
} from '../../src/services/front/houses.service.js';

for (const dialect of DIALECTS) {
  describe(`supervision and houses (${dialect})`, () => {
    let deps: TestDeps;
    const actors: Record<string, Actor> = {};
    const actor = async (name: string, role: Role, unitCode: string) => {
      const u = await buildUser(deps, { role, unitCode });
      actors[name] = { kind: 'user', id: u.user.id, username: u.user.username, role, unitCode };
    };

    beforeAll(async () => {
      deps = await makeDeps(dialect, new Date('2024-11-01T03:00:00Z'));
      await loadRecords(
        deps,
        [
          frontRecord('H-1', '14830', 'poor', '2023-10-15', { badHouse: true }),
          frontRecord('H-2', '14830', 'poor', '2023-10-15', { badHouse: true }),
        ],
        2023,
      );
      await actor('front', 'supervisor', '382');
      await actor('ward', 'commune-officer', '14830');
      await actor('other', 'commune-officer', '16285');
    });
    afterAll(async () => deps.cleanup());

    it('runs a recommendation through answer and overdue', async () => {
      const plan = await createPlan(deps, actors.front!, {
        unitCode: '382',
        topic: 'Giám sát rà soát hộ nghèo năm 2024',
        startDate: '2024-10-01',
        endDate: '2024-10-31',
        units: ['14830', '16513'],
      });
      await addVisit(deps, actors.front!, plan.id, {
        unitCode: '14830',
        date: '2024-10-10',
        findings: 'Họp thôn đủ thành phần.',
      });
      expect(
        await codeOf(
          addVisit(deps, actors.front!, plan.id, { unitCode: '16285', date: '2024-10-10', findings: 'x' }),
        ),
      ).toBe('FIELD_INVALID');
      const onTime = await addRecommendation(deps, actors.front!, plan.id, {
        addresseeUnitCode: '14830',
        content: 'Niêm yết danh sách đủ 7 ngày làm việc.',
        issuedOn: '2024-10-20',
        deadline: '2024-11-10',
      });
      const late = await addRecommendation(deps, actors.front!, plan.id, {
        addresseeUnitCode: '14830',
        content: 'Bổ sung biên bản họp thôn 3.',
        issuedOn: '2024-10-12',
        deadline: '2024-10-25',
      });
      const ignored = await addRecommendation(deps, actors.front!, plan.id, {
        addresseeUnitCode: '16513',
        content: 'Rà soát lại 2 hộ khiếu nại.',
        issuedOn: '2024-10-12',
        deadline: '2024-10-28',
      });
      expect([onTime.state, late.state, ignored.state]).toEqual(['awaiting', 'overdue', 'overdue']);
      // The Front does not answer itself; another commune does not even see it.
      expect(
        await codeOf(answerRecommendation(deps, actors.front!, onTime.id, { status: 'accepted', text: 'x' })),
      ).toBe('FORBIDDEN_ROLE');
      expect(
        await codeOf(answerRecommendation(deps, actors.other!, onTime.id, { status: 'accepted', text: 'x' })),
      ).toBe('FRONT_RECOMMENDATION_NOT_FOUND');
      const a = await answerRecommendation(
        deps,
        actors.ward!,
        onTime.id,
        { status: 'accepted', text: 'Đã niêm yết đủ.' },
        [],
      );
      expect([a.state, a.answeredOn, a.answeredBy]).toEqual([
        'answered',
        '2024-11-01',
        actors.ward!.username,
      ]);
      const b = await answerRecommendation(deps, actors.ward!, late.id, {
        status: 'in-progress',
        text: 'Đang bổ sung.',
      });
      expect([b.state, b.daysOverdue]).toEqual(['answered-late', 7]);
      expect(
        await codeOf(
          answerRecommendation(deps, actors.ward!, late.id, { status: 'accepted', text: 'again' }),
        ),
      ).toBe('CONFLICT');
      const board = await overdueBoard(deps, actors.front!);
      expect(board.map((r) => [r.id, r.addresseeUnitCode, r.daysOverdue])).toEqual([
        [ignored.id, '16513', 4],
      ]);
      // The ward sees what is addressed to it; not the recommendation to another ward.
      expect((await listRecommendationsFor(deps, actors.ward!)).map((r) => r.id).sort()).toEqual(
        [onTime.id, late.id].sort(),
      );
      expect(await listRecommendationsFor(deps, actors.other!)).toEqual([]);
      const plans = await listPlansFor(deps, actors.front!);
      expect(plans[0]!.visits.map((v) => v.findings)).toEqual(['Họp thôn đủ thành phần.']);
      // Days go by: the awaiting one falls overdue too.
      deps.setNow(new Date('2024-11-15T03:00:00Z'));
      expect((await overdueBoard(deps, actors.front!)).map((r) => r.id)).toEqual([ignored.id]);
    });

    it('takes houses through their stages and counts those that lifted housing deprivation', async () => {
      deps.setNow(new Date('2024-12-01T03:00:00Z'));
      const h1 = await createHouse(deps, actors.front!, {
        householdKey: 'H-1',
        kind: 'new',
        estimatedCost: 80_000_000,
        approvedOn: '2024-01-10',
        sources: [
          { source: 'fund', amount: 50_000_000 },
          { source: 'family', amount: 30_000_000 },
        ],
      });
      const h2 = await createHouse(deps, actors.front!, {
        householdKey: 'H-2',
        kind: 'repair',
        estimatedCost: 30_000_000,
        approvedOn: '2024-02-01',
      });
      expect(
        await codeOf(
          advanceHouse(deps, actors.front!, h1.id, {
            stage: 'handed-over',
            date: '2024-03-01',
            actualCost: 1,
          }),
        ),
      ).toBe('FRONT_HOUSE_STAGE_INVALID');
      await advanceHouse(deps, actors.front!, h1.id, { stage: 'under-construction', date: '2024-02-01' });
      // The hand-over without its actual cost: a missing field, named (not an invalid "undefined").
      expect(
        await codeOf(advanceHouse(deps, actors.front!, h1.id, { stage: 'handed-over', date: '2024-05-01' })),
      ).toBe('FIELD_REQUIRED');
      const done = await advanceHouse(deps, actors.front!, h1.id, {
        stage: 'handed-over',
        date: '2024-05-01',
        actualCost: 82_000_000,
      });
      expect([done.stage, done.started_on, done.handed_over_on, done.actual_cost]).toEqual([
        'handed-over',
        '2024-02-01',
        '2024-05-01',
        82_000_000,
      ]);
      await advanceHouse(deps, actors.front!, h2.id, { stage: 'under-construction', date: '2024-03-01' });
      await advanceHouse(deps, actors.front!, h2.id, {
        stage: 'handed-over',
        date: '2024-06-01',
        actualCost: 28_000_000,
      });
      expect((await housesByUnit(deps, actors.front!)).total).toMatchObject({
        handedOver: 2,
        lifted: 0,
        notSurveyedYet: 2,
      });
      // The 2024 survey: H-1 has a solid house now, H-2 still does not.
      await loadRecords(
        deps,
        [
          frontRecord('H-1', '14830', 'near-poor', '2024-10-15'),
          frontRecord('H-2', '14830', 'poor', '2024-10-15', { badHouse: true }),
        ],
        2024,
      );
      const report = await housesByUnit(deps, actors.front!);
      expect(
        report.rows.map((r) => [r.communeCode, r.handedOver, r.lifted, r.stillDeprived, r.actualCost]),
      ).toEqual([['14830', 2, 1, 1, 110_000_000]]);
      const list = await listHousesFor(deps, actors.front!);
      expect(list.find((h) => h.id === h1.id)).toMatchObject({
        outcome: 'lifted',
        headName: 'N. V. H.',
        sources: [
          { source: 'family', amount: 30_000_000 },
          { source: 'fund', amount: 50_000_000 },
        ],
      });
      expect(await listHousesFor(deps, actors.other!)).toEqual([]);
    });

    // Decision 0039. Phường Trung Sơn (14830) and Phường Quảng Châu (16531) merged whole into
    // Phường Sầm Sơn, which kept the code 16531; Xã Quảng Minh (16513) went to Phường Nam Sầm Sơn
    // (16516). A recommendation to Quảng Châu is Quảng Châu's alone until 30/06/2025; from
    // 01/07/2025 Phường Sầm Sơn owes it, and the Trung Sơn officer, now of Phường Sầm Sơn, sees
    // and answers it. Quảng Minh's stays Nam Sầm Sơn's, never Trung Sơn's.
    it('hands a merged ward’s recommendation to its successor from the reform’s first day', async () => {
      deps.setNow(new Date('2024-11-20T03:00:00Z'));
      await actor('namSamSon', 'commune-officer', '16516');
      await actor('quangChau', 'commune-officer', '16531');
      const plan = await createPlan(deps, actors.front!, {
        unitCode: '382',
        topic: 'Giám sát niêm yết danh sách hộ nghèo năm 2024',
        startDate: '2024-11-01',
        endDate: '2024-11-15',
        units: ['16531', '16513'],
      });
      const toQuangChau = await addRecommendation(deps, actors.front!, plan.id, {
        addresseeUnitCode: '16531',
        content: 'Niêm yết danh sách tại nhà văn hóa các khu phố.',
        issuedOn: '2024-11-02',
        deadline: '2024-11-15',
      });
      const toQuangMinh = await addRecommendation(deps, actors.front!, plan.id, {
        addresseeUnitCode: '16513',
        content: 'Niêm yết danh sách tại nhà văn hóa các thôn.',
        issuedOn: '2024-11-02',
        deadline: '2024-11-15',
      });
      const ids = async (who: string) =>
        (await listRecommendationsFor(deps, actors[who]!))
          .map((r) => r.id)
          .filter((id) => id >= toQuangChau.id);
      const plansOf = async (who: string) =>
        (await listPlansFor(deps, actors[who]!)).map((p) => p.id).filter((id) => id === plan.id);
      const answer = (who: string, id: number) =>
        answerRecommendation(deps, actors[who]!, id, { status: 'accepted', text: 'Đã niêm yết.' });

      // Before the reform: Quảng Châu's own officer sees it; Trung Sơn's neither sees nor answers it.
      expect(await ids('quangChau')).toEqual([toQuangChau.id]);
      expect([toQuangChau.addresseeName, toQuangChau.successorName]).toEqual(['Phường Quảng Châu', null]);
      expect(await ids('ward')).toEqual([]);
      expect(await plansOf('ward')).toEqual([]);
      expect(await codeOf(answer('ward', toQuangChau.id))).toBe('FRONT_RECOMMENDATION_NOT_FOUND');

      // From 01/07/2025 the successor owes it: the Trung Sơn officer sees and answers it (late).
      deps.setNow(new Date('2026-01-10T03:00:00Z'));
      expect(await ids('ward')).toEqual([toQuangChau.id]);
      expect(await plansOf('ward')).toEqual([plan.id]);
      // Listed under the name it was addressed to, with the unit that owes the answer now.
      expect(
        (await listRecommendationsFor(deps, actors.front!))
          .filter((r) => r.id >= toQuangChau.id)
          .map((r) => [r.addresseeName, r.successorName]),
      ).toEqual([
        ['Phường Quảng Châu', 'Phường Sầm Sơn'],
        ['Xã Quảng Minh', 'Phường Nam Sầm Sơn'],
      ]);
      expect(await codeOf(answer('ward', toQuangMinh.id))).toBe('FRONT_RECOMMENDATION_NOT_FOUND');
      const answered = await answer('ward', toQuangChau.id);
      expect([answered.state, answered.answeredOn, answered.answeredBy]).toEqual([
        'answered-late',
        '2026-01-10',
        actors.ward!.username,
      ]);
      // Quảng Minh's went to Nam Sầm Sơn, whose officer answers it.
      expect(await ids('namSamSon')).toEqual([toQuangMinh.id]);
      expect((await answer('namSamSon', toQuangMinh.id)).answeredBy).toBe(actors.namSamSon!.username);
      expect((await overdueBoard(deps, actors.front!)).map((r) => r.id)).not.toContain(toQuangChau.id);
    });
  });
}
