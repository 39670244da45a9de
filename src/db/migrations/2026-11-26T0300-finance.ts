// Program finance and follow-up (issue 4): programs and their components as data, targets per
// unit × year, allocations with an adjustment ledger and disbursements, "cannot be implemented"
// reports, support given to households, meetings and tasks.
//
// The catalogue rows below are the text of Decision 90/QĐ-TTg (18/01/2022) and Resolution
// 257/2025/QH15 as known when this migration was written (see ../shared/domain/regulations.md §3,
// §5.2). They are data: later corrections are edits through the programs service (audited), never
// changes to this frozen file.
import type { Kysely } from 'kysely';
import { dialectOf, money, notNull, withId } from './helpers.js';

interface ComponentSeed {
  code: string;
  parent: string | null;
  kind: 'project' | 'subproject' | 'component';
  name: string;
  nameEn: string;
  beneficiaries: string;
  beneficiariesEn: string;
  poorDistrict: 0 | 1;
  coastal: 0 | 1;
  provisional: 0 | 1;
}

const GENERAL = 'Hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo; người dân và cộng đồng trên địa bàn';
const GENERAL_EN = 'Poor, near-poor and recently-exited households; people and communities of the area';

const QD90: ComponentSeed[] = [
  {
    code: 'DA1',
    parent: null,
    kind: 'project',
    name: 'Hỗ trợ đầu tư phát triển hạ tầng kinh tế – xã hội các huyện nghèo, các xã đặc biệt khó khăn vùng bãi ngang, ven biển và hải đảo',
    nameEn:
      'Socio-economic infrastructure in poor districts and especially difficult coastal and island communes',
    beneficiaries:
      'Huyện nghèo, xã đặc biệt khó khăn vùng bãi ngang, ven biển và hải đảo; người dân trên địa bàn',
    beneficiariesEn: 'Poor districts and especially difficult coastal/island communes and their people',
    poorDistrict: 1,
    coastal: 1,
    provisional: 1,
  },
  {
    code: 'DA2',
    parent: null,
    kind: 'project',
    name: 'Đa dạng hóa sinh kế, phát triển mô hình giảm nghèo',
    nameEn: 'Diversifying livelihoods and developing poverty-reduction models',
    beneficiaries: GENERAL,
    beneficiariesEn: GENERAL_EN,
    poorDistrict: 0,
    coastal: 0,
    provisional: 1,
  },
  {
    code: 'DA3',
    parent: null,
    kind: 'project',
    name: 'Hỗ trợ phát triển sản xuất, cải thiện dinh dưỡng',
    nameEn: 'Supporting production and improving nutrition',
    beneficiaries: GENERAL,
    beneficiariesEn: GENERAL_EN,
    poorDistrict: 0,
    coastal: 0,
    provisional: 0,
  },
  {
    code: 'DA3.1',
    parent: 'DA3',
    kind: 'subproject',
    name: 'Hỗ trợ phát triển sản xuất trong lĩnh vực nông nghiệp',
    nameEn: 'Supporting agricultural production',
    beneficiaries: GENERAL,
    beneficiariesEn: GENERAL_EN,
    poorDistrict: 0,
    coastal: 0,
    provisional: 1,
  },
  {
    code: 'DA3.2',
    parent: 'DA3',
    kind: 'subproject',
    name: 'Cải thiện dinh dưỡng',
    nameEn: 'Improving nutrition',
    beneficiaries:
      'Trẻ em dưới 16 tuổi thuộc hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo; trẻ em ở huyện nghèo, xã đặc biệt khó khăn vùng bãi ngang, ven biển; phụ nữ có thai, cho con bú',
    beneficiariesEn:
      'Children under 16 of poor, near-poor and recently-exited households; children in poor districts and especially difficult coastal communes; pregnant and breastfeeding women',
    poorDistrict: 0,
    coastal: 0,
    provisional: 0,
  },
  {
    code: 'DA4',
    parent: null,
    kind: 'project',
    name: 'Phát triển giáo dục nghề nghiệp, việc làm bền vững',
    nameEn: 'Vocational education and sustainable employment',
    beneficiaries: `${GENERAL}; người lao động có thu nhập thấp`,
    beneficiariesEn: `${GENERAL_EN}; low-income workers`,
    poorDistrict: 0,
    coastal: 0,
    provisional: 1,
  },
  {
    code: 'DA4.1',
    parent: 'DA4',
    kind: 'subproject',
    name: 'Phát triển giáo dục nghề nghiệp vùng nghèo, vùng khó khăn',
    nameEn: 'Vocational education in poor and difficult areas',
    beneficiaries: `${GENERAL}; người lao động có thu nhập thấp`,
    beneficiariesEn: `${GENERAL_EN}; low-income workers`,
    poorDistrict: 0,
    coastal: 0,
    provisional: 1,
  },
  {
    code: 'DA4.2',
    parent: 'DA4',
    kind: 'subproject',
    name: 'Hỗ trợ người lao động đi làm việc ở nước ngoài theo hợp đồng',
    nameEn: 'Supporting workers going abroad under contract',
    beneficiaries: 'Người lao động thuộc hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo',
    beneficiariesEn: 'Workers of poor, near-poor and recently-exited households',
    poorDistrict: 0,
    coastal: 0,
    provisional: 1,
  },
  {
    code: 'DA4.3',
    parent: 'DA4',
    kind: 'subproject',
    name: 'Hỗ trợ việc làm bền vững',
    nameEn: 'Supporting sustainable employment',
    beneficiaries: 'Người lao động, ưu tiên người thuộc hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo',
    beneficiariesEn: 'Workers, first those of poor, near-poor and recently-exited households',
    poorDistrict: 0,
    coastal: 0,
    provisional: 0,
  },
  {
    code: 'DA5',
    parent: null,
    kind: 'project',
    name: 'Hỗ trợ nhà ở cho hộ nghèo, hộ cận nghèo trên địa bàn các huyện nghèo',
    nameEn: 'Housing support for poor and near-poor households in poor districts',
    beneficiaries: 'Hộ nghèo, hộ cận nghèo trên địa bàn các huyện nghèo',
    beneficiariesEn: 'Poor and near-poor households in poor districts',
    poorDistrict: 1,
    coastal: 0,
    provisional: 1,
  },
  {
    code: 'DA6',
    parent: null,
    kind: 'project',
    name: 'Truyền thông và giảm nghèo về thông tin',
    nameEn: 'Communication and information-poverty reduction',
    beneficiaries: GENERAL,
    beneficiariesEn: GENERAL_EN,
    poorDistrict: 0,
    coastal: 0,
    provisional: 1,
  },
  {
    code: 'DA6.1',
    parent: 'DA6',
    kind: 'subproject',
    name: 'Giảm nghèo về thông tin',
    nameEn: 'Reducing information poverty',
    beneficiaries: GENERAL,
    beneficiariesEn: GENERAL_EN,
    poorDistrict: 0,
    coastal: 0,
    provisional: 1,
  },
  {
    code: 'DA6.2',
    parent: 'DA6',
    kind: 'subproject',
    name: 'Truyền thông về giảm nghèo đa chiều',
    nameEn: 'Communication on multidimensional poverty reduction',
    beneficiaries: GENERAL,
    beneficiariesEn: GENERAL_EN,
    poorDistrict: 0,
    coastal: 0,
    provisional: 1,
  },
  {
    code: 'DA7',
    parent: null,
    kind: 'project',
    name: 'Nâng cao năng lực và giám sát, đánh giá Chương trình',
    nameEn: 'Capacity building, monitoring and evaluation of the program',
    beneficiaries: 'Cán bộ làm công tác giảm nghèo các cấp; cơ quan, tổ chức liên quan',
    beneficiariesEn: 'Poverty-reduction officers at every level; related agencies and organisations',
    poorDistrict: 0,
    coastal: 0,
    provisional: 1,
  },
  {
    code: 'DA7.1',
    parent: 'DA7',
    kind: 'subproject',
    name: 'Nâng cao năng lực thực hiện Chương trình',
    nameEn: 'Capacity building for implementation',
    beneficiaries: 'Cán bộ làm công tác giảm nghèo các cấp',
    beneficiariesEn: 'Poverty-reduction officers at every level',
    poorDistrict: 0,
    coastal: 0,
    provisional: 1,
  },
  {
    code: 'DA7.2',
    parent: 'DA7',
    kind: 'subproject',
    name: 'Giám sát, đánh giá',
    nameEn: 'Monitoring and evaluation',
    beneficiaries: 'Cơ quan, tổ chức thực hiện Chương trình',
    beneficiariesEn: 'Agencies and organisations implementing the program',
    poorDistrict: 0,
    coastal: 0,
    provisional: 1,
  },
];

// The component structure of the merged program is not yet published: these three components are
// the three former programs it merges, all provisional and meant to be edited.
const NQ257: ComponentSeed[] = [
  {
    code: 'HP1',
    parent: null,
    kind: 'component',
    name: 'Xây dựng nông thôn mới',
    nameEn: 'New rural development',
    beneficiaries: 'Người dân, cộng đồng khu vực nông thôn',
    beneficiariesEn: 'Rural people and communities',
    poorDistrict: 0,
    coastal: 0,
    provisional: 1,
  },
  {
    code: 'HP2',
    parent: null,
    kind: 'component',
    name: 'Giảm nghèo bền vững',
    nameEn: 'Sustainable poverty reduction',
    beneficiaries: GENERAL,
    beneficiariesEn: GENERAL_EN,
    poorDistrict: 0,
    coastal: 0,
    provisional: 1,
  },
  {
    code: 'HP3',
    parent: null,
    kind: 'component',
    name: 'Phát triển kinh tế – xã hội vùng đồng bào dân tộc thiểu số và miền núi',
    nameEn: 'Socio-economic development of ethnic-minority and mountainous areas',
    beneficiaries: 'Đồng bào dân tộc thiểu số và người dân vùng miền núi',
    beneficiariesEn: 'Ethnic-minority people and people of mountainous areas',
    poorDistrict: 0,
    coastal: 0,
    provisional: 1,
  },
];

export async function up(db: Kysely<any>): Promise<void> {
  const real = dialectOf(db) === 'postgres' ? 'double precision' : 'real';
  const at = '2026-11-26T03:00:00.000Z';

  await withId(db, db.schema.createTable('program'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', notNull)
    .addColumn('name_en', 'text', notNull)
    .addColumn('legal_basis', 'text', notNull)
    .addColumn('year_from', 'integer', notNull)
    .addColumn('year_to', 'integer', notNull)
    .addColumn('provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();

  await withId(db, db.schema.createTable('program_component'))
    .addColumn('program_id', 'bigint', (c) => c.notNull().references('program.id'))
    .addColumn('code', 'text', notNull)
    .addColumn('parent_code', 'text')
    .addColumn('kind', 'text', notNull)
    .addColumn('ordinal', 'integer', notNull)
    .addColumn('name', 'text', notNull)
    .addColumn('name_en', 'text', notNull)
    .addColumn('beneficiaries', 'text', notNull)
    .addColumn('beneficiaries_en', 'text', notNull)
    .addColumn('needs_poor_district', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('needs_coastal_commune', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('program_component_code')
    .on('program_component')
    .columns(['program_id', 'code'])
    .unique()
    .execute();

  const programs = [
    {
      code: 'QD90_2021_2025',
      name: 'Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021–2025',
      name_en: 'National Target Program for Sustainable Poverty Reduction 2021–2025',
      legal_basis: 'Quyết định 90/QĐ-TTg ngày 18/01/2022 của Thủ tướng Chính phủ',
      year_from: 2021,
      year_to: 2025,
      provisional: 0,
      rows: QD90,
    },
    {
      code: 'NQ257_2026_2035',
      name: 'Chương trình mục tiêu quốc gia xây dựng nông thôn mới, giảm nghèo bền vững và phát triển kinh tế – xã hội vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2026–2035',
      name_en:
        'National Target Program on new rural development, sustainable poverty reduction and socio-economic development of ethnic-minority and mountainous areas 2026–2035',
      legal_basis: 'Nghị quyết 257/2025/QH15 ngày 11/12/2025 của Quốc hội',
      year_from: 2026,
      year_to: 2035,
      provisional: 1,
      rows: NQ257,
    },
  ];
  for (const p of programs) {
    const inserted = await db
      .insertInto('program')
      .values({
        code: p.code,
        name: p.name,
        name_en: p.name_en,
        legal_basis: p.legal_basis,
        year_from: p.year_from,
        year_to: p.year_to,
        provisional: p.provisional,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('program_component')
      .values(
        p.rows.map((r, i) => ({
          program_id: Number(inserted.id),
          code: r.code,
          parent_code: r.parent,
          kind: r.kind,
          ordinal: i + 1,
          name: r.name,
          name_en: r.nameEn,
          beneficiaries: r.beneficiaries,
          beneficiaries_en: r.beneficiariesEn,
          needs_poor_district: r.poorDistrict,
          needs_coastal_commune: r.coastal,
          provisional: r.provisional,
          active: 1,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
  }

  await withId(db, db.schema.createTable('finance_target'))
    .addColumn('province_code', 'text', notNull)
    .addColumn('unit_code', 'text', notNull)
    .addColumn('year', 'integer', notNull)
    .addColumn('kind', 'text', notNull)
    .addColumn('value', real, notNull)
    .addColumn('label', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', notNull)
    .addColumn('created_by', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('finance_target_unit_year')
    .on('finance_target')
    .columns(['province_code', 'unit_code', 'year'])
    .execute();

  await withId(db, db.schema.createTable('allocation'))
    .addColumn('province_code', 'text', notNull)
    .addColumn('unit_code', 'text', notNull)
    .addColumn('year', 'integer', notNull)
    .addColumn('program_id', 'bigint', (c) => c.notNull().references('program.id'))
    .addColumn('component_id', 'bigint', (c) => c.notNull().references('program_component.id'))
    .addColumn('capital_type', 'text', notNull)
    .addColumn('source', 'text', notNull)
    .addColumn('amount', money, notNull)
    .addColumn('decision_no', 'text', notNull)
    .addColumn('decision_date', 'text', notNull)
    .addColumn('deadline', 'text', notNull)
    .addColumn('note', 'text')
    // Aggregates kept in the same transaction as every ledger entry and disbursement.
    .addColumn('adjusted', money, (c) => c.notNull().defaultTo(0))
    .addColumn('disbursed', money, (c) => c.notNull().defaultTo(0))
    .addColumn('disbursement_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_disbursed_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', notNull)
    .addColumn('created_by', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('allocation_key')
    .on('allocation')
    .columns(['province_code', 'unit_code', 'year', 'component_id', 'capital_type', 'source'])
    .unique()
    .execute();

  await withId(db, db.schema.createTable('allocation_entry'))
    .addColumn('province_code', 'text', notNull)
    .addColumn('allocation_id', 'bigint', (c) => c.notNull().references('allocation.id'))
    .addColumn('kind', 'text', notNull)
    .addColumn('delta', money, notNull)
    .addColumn('entry_date', 'text', notNull)
    .addColumn('decision_no', 'text')
    .addColumn('reason', 'text')
    .addColumn('counterpart_allocation_id', 'bigint')
    .addColumn('created_at', 'text', notNull)
    .addColumn('created_by', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('allocation_entry_allocation')
    .on('allocation_entry')
    .columns(['allocation_id', 'entry_date'])
    .execute();

  await withId(db, db.schema.createTable('disbursement'))
    .addColumn('province_code', 'text', notNull)
    .addColumn('allocation_id', 'bigint', (c) => c.notNull().references('allocation.id'))
    .addColumn('disbursed_on', 'text', notNull)
    .addColumn('amount', money, notNull)
    .addColumn('voucher_no', 'text', notNull)
    .addColumn('activity', 'text', notNull)
    .addColumn('beneficiary_households', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', notNull)
    .addColumn('created_by', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('disbursement_voucher')
    .on('disbursement')
    .columns(['province_code', 'voucher_no'])
    .unique()
    .execute();
  await db.schema
    .createIndex('disbursement_allocation')
    .on('disbursement')
    .columns(['allocation_id', 'disbursed_on'])
    .execute();

  await withId(db, db.schema.createTable('household_support'))
    .addColumn('province_code', 'text', notNull)
    .addColumn('household_key', 'text', notNull)
    .addColumn('unit_code', 'text', notNull)
    .addColumn('component_id', 'bigint', (c) => c.notNull().references('program_component.id'))
    .addColumn('disbursement_id', 'bigint', (c) => c.references('disbursement.id'))
    .addColumn('supported_on', 'text', notNull)
    .addColumn('amount', money, notNull)
    .addColumn('description', 'text', notNull)
    .addColumn('created_at', 'text', notNull)
    .addColumn('created_by', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('household_support_household')
    .on('household_support')
    .columns(['province_code', 'household_key'])
    .execute();
  await db.schema
    .createIndex('household_support_disbursement')
    .on('household_support')
    .column('disbursement_id')
    .execute();

  await withId(db, db.schema.createTable('allocation_issue'))
    .addColumn('province_code', 'text', notNull)
    .addColumn('allocation_id', 'bigint', (c) => c.notNull().references('allocation.id'))
    .addColumn('reason', 'text', notNull)
    .addColumn('detail', 'text', notNull)
    .addColumn('amount', money, notNull)
    .addColumn('proposal', 'text', notNull)
    .addColumn('target_component_id', 'bigint', (c) => c.references('program_component.id'))
    .addColumn('recorded_on', 'text', notNull)
    .addColumn('created_at', 'text', notNull)
    .addColumn('created_by', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('allocation_issue_allocation')
    .on('allocation_issue')
    .column('allocation_id')
    .execute();

  await withId(db, db.schema.createTable('meeting'))
    .addColumn('province_code', 'text', notNull)
    .addColumn('unit_code', 'text', notNull)
    .addColumn('held_on', 'text', notNull)
    .addColumn('title', 'text', notNull)
    .addColumn('chair', 'text', notNull)
    .addColumn('conclusions', 'text', notNull)
    .addColumn('created_at', 'text', notNull)
    .addColumn('created_by', 'text', notNull)
    .execute();

  await withId(db, db.schema.createTable('task'))
    .addColumn('province_code', 'text', notNull)
    .addColumn('unit_code', 'text', notNull)
    .addColumn('meeting_id', 'bigint', (c) => c.references('meeting.id'))
    .addColumn('assignee_kind', 'text', notNull)
    .addColumn('assignee', 'text', notNull)
    .addColumn('assignee_unit_code', 'text')
    .addColumn('title', 'text', notNull)
    .addColumn('detail', 'text')
    .addColumn('deadline', 'text', notNull)
    .addColumn('status', 'text', notNull)
    .addColumn('completed_on', 'text')
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .addColumn('created_by', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('task_deadline')
    .on('task')
    .columns(['province_code', 'status', 'deadline'])
    .execute();

  await withId(db, db.schema.createTable('task_update'))
    .addColumn('province_code', 'text', notNull)
    .addColumn('task_id', 'bigint', (c) => c.notNull().references('task.id'))
    .addColumn('at', 'text', notNull)
    .addColumn('actor', 'text', notNull)
    .addColumn('status', 'text', notNull)
    .addColumn('note', 'text', notNull)
    .execute();
  await db.schema.createIndex('task_update_task').on('task_update').column('task_id').execute();

  await withId(db, db.schema.createTable('task_attachment'))
    .addColumn('province_code', 'text', notNull)
    .addColumn('task_update_id', 'bigint', (c) => c.notNull().references('task_update.id'))
    .addColumn('file_name', 'text', notNull)
    .addColumn('stored_name', 'text', notNull)
    .addColumn('content_type', 'text', notNull)
    .addColumn('size', 'integer', notNull)
    .addColumn('sha256', 'text', notNull)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'task_attachment',
    'task_update',
    'task',
    'meeting',
    'allocation_issue',
    'household_support',
    'disbursement',
    'allocation_entry',
    'allocation',
    'finance_target',
    'program_component',
    'program',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
