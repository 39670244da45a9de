// Demo: the applications register of regular review in 2024 (issue 12 part 2) for Đại Hùng and
// Phường Trung Sơn — decided on time, decided late, refused with reasons, and one still open —
// and the monthly reports of February and March 2024 submitted by Phường Trung Sơn, so that the
// paperwork screen and the reporting board show every state. Every name is synthetic.
import { SYSTEM } from '../deps.js';
import { decideApplication, receiveApplication } from '../registry/applications.service.js';
import { submitReport } from '../registry/round.service.js';
import type { DemoContext } from './index.js';

const APPLICATIONS = [
  {
    commune: '16516',
    form: '01',
    name: 'Lê Thị Hòa',
    reason: 'Chồng bị tai nạn lao động, mất thu nhập',
    on: '2024-03-04',
    decide: { outcome: 'recognised', cls: 'POOR', on: '2024-03-15' },
  },
  {
    commune: '16516',
    form: '04',
    name: 'Nguyễn Văn Tâm',
    reason: 'Có việc làm ổn định, thu nhập vượt chuẩn',
    on: '2024-04-08',
    decide: { outcome: 'recognised', cls: 'AVERAGE', on: '2024-04-29' },
  },
  {
    commune: '16516',
    form: '01',
    name: 'Phạm Thị Lan',
    reason: 'Nhà bị hư hỏng sau bão',
    on: '2024-09-16',
    decide: {
      outcome: 'refused',
      reason: 'Đã được hỗ trợ sửa nhà; thu nhập bình quân trên chuẩn cận nghèo',
      on: '2024-09-27',
    },
  },
  {
    commune: '14830',
    form: '01',
    name: 'Trần Văn Bình',
    reason: 'Mẹ già ốm nặng, không có lao động',
    on: '2024-05-06',
    decide: { outcome: 'recognised', cls: 'NEAR_POOR', on: '2024-05-17' },
  },
  {
    commune: '14830',
    form: '04',
    name: 'Hoàng Thị Mai',
    reason: 'Con đã đi làm, gia đình xin thoát cận nghèo',
    on: '2024-11-18',
    decide: null,
  },
] as const;

export async function seedPaperwork(ctx: DemoContext): Promise<void> {
  const { deps } = ctx;
  for (const a of APPLICATIONS) {
    const v = await receiveApplication(deps, SYSTEM, {
      communeCode: a.commune,
      form: a.form,
      applicantName: a.name,
      reason: a.reason,
      receivedOn: a.on,
    });
    if (!a.decide) continue;
    await decideApplication(deps, SYSTEM, {
      id: v.id,
      expectedVersion: v.version,
      outcome: a.decide.outcome,
      decidedOn: a.decide.on,
      ...(a.decide.outcome === 'recognised'
        ? {
            outcomeClass: a.decide.cls,
            decisionNumber: `${a.decide.on.slice(5, 7)}${a.decide.on.slice(8)}/QĐ-UBND`,
          }
        : { refusalReason: a.decide.reason }),
    });
  }
  for (const month of [2, 3])
    await submitReport(deps, SYSTEM, { unitCode: '14830', round: 'monthly', period: 2024, month });
  ctx.progress(`  ${APPLICATIONS.length} đơn đề nghị, 2 báo cáo tháng / applications, monthly reports`);
}
