// Demo foundation: villages for every commune/ward of Sầm Sơn city as of 2024 (district 382,
// plus Xã Quảng Giao which joined Phường Nam Sầm Sơn in 2025) and one account per role.
import { listUnitsOn, findUnitOn } from '../../db/repositories/units.repository.js';
import { addVillage } from '../villages.service.js';
import { createUser } from '../users.service.js';
import { SYSTEM, type Role } from '../deps.js';
import type { DemoContext } from './index.js';

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  unitCode: string | null;
  displayName: string;
}

export const DEMO_DATE_2024 = '2024-06-07';
export const SAM_SON_DISTRICT = '382';
export const QUANG_GIAO = '16519';

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    username: 'admin',
    password: 'giamngheo-admin',
    role: 'admin',
    unitCode: null,
    displayName: 'Quản trị hệ thống',
  },
  {
    username: 'tinh.thanhhoa',
    password: 'giamngheo-tinh',
    role: 'province-officer',
    unitCode: '38',
    displayName: 'Sở Nông nghiệp và Môi trường Thanh Hóa',
  },
  {
    username: 'ldtbxh.samson',
    password: 'giamngheo-ldtbxh',
    role: 'province-officer',
    unitCode: SAM_SON_DISTRICT,
    displayName: 'Phòng Lao động – Thương binh và Xã hội TP Sầm Sơn',
  },
  {
    username: 'taichinh.samson',
    password: 'giamngheo-taichinh',
    role: 'finance-officer',
    unitCode: SAM_SON_DISTRICT,
    displayName: 'Phòng Tài chính – Kế hoạch TP Sầm Sơn',
  },
  {
    username: 'xa.daihung',
    password: 'giamngheo-xa',
    role: 'commune-officer',
    unitCode: '16516',
    displayName: 'Cán bộ chính sách xã Đại Hùng',
  },
  {
    username: 'phuong.trungson',
    password: 'giamngheo-phuong',
    role: 'commune-officer',
    unitCode: '14830',
    displayName: 'Cán bộ chính sách phường Trung Sơn',
  },
  {
    username: 'mttq.samson',
    password: 'giamngheo-mttq',
    role: 'supervisor',
    unitCode: SAM_SON_DISTRICT,
    displayName: 'Ủy ban MTTQ Việt Nam TP Sầm Sơn',
  },
  {
    username: 'bientap',
    password: 'giamngheo-bientap',
    role: 'editor',
    unitCode: SAM_SON_DISTRICT,
    displayName: 'Phòng Văn hóa – Thông tin TP Sầm Sơn',
  },
];

/** Villages per 2024 unit: wards have numbered residential groups, communes numbered hamlets. */
const VILLAGES_PER_UNIT = 8;

export async function seedFoundation(ctx: DemoContext): Promise<void> {
  const { deps } = ctx;
  const db = deps.db.kysely;
  const units = await listUnitsOn(db, { date: DEMO_DATE_2024, parentCode: SAM_SON_DISTRICT });
  const quangGiao = await findUnitOn(db, QUANG_GIAO, DEMO_DATE_2024);
  if (quangGiao) units.push(quangGiao);
  for (const unit of units) {
    const kind = unit.type === 'Xã' ? 'thon' : 'to-dan-pho';
    for (let i = 1; i <= VILLAGES_PER_UNIT; i++) {
      await addVillage(deps, SYSTEM, {
        communeCode: unit.code,
        on: DEMO_DATE_2024,
        name: kind === 'thon' ? `Thôn ${i}` : `Tổ dân phố ${i}`,
        kind,
      });
    }
  }
  for (const a of DEMO_ACCOUNTS) {
    await createUser(deps, SYSTEM, {
      username: a.username,
      password: a.password,
      role: a.role,
      unitCode: a.unitCode,
      displayName: a.displayName,
    });
    ctx.accounts.push(a);
  }
}
