import { describe, expect, it } from 'vitest';
import {
  can,
  isPermission,
  PERMISSION_NAMES,
  permissionsOf,
  ROLES,
  rolesWith,
  roleMayBeNational,
} from './permissions.js';
import { roleSeesPersonalData } from '../registry/personal-data.js';

// The behaviour before the table existed, role by role, read from the route declarations and the
// services' role checks, plus the rights granted since, each by its decision: the papers
// (applications.manage, reports.submit, reports.board: 0026), the access record (access-log.read:
// 0027) and the Front (front.read, front.write, front.answer: 0030). The table must reproduce it
// exactly: a change here is a change of rights.
const EXPECTED: Record<string, readonly string[]> = {
  admin: PERMISSION_NAMES,
  'province-officer': [
    'units.read',
    'reference.read',
    'classification.run',
    'villages.write',
    'registry.read',
    'registry.personal-data',
    'registry.write',
    'offline.survey',
    'registry.rebuild',
    'campaign.decide',
    'applications.manage',
    'reports.submit',
    'reports.board',
    'standards.manage',
    'programs.manage',
    'finance.read',
    'finance.plan',
    'tasks.assign',
    'tasks.follow-up',
    'feedback.triage',
    'front.read',
    'front.answer',
  ],
  'commune-officer': [
    'units.read',
    'reference.read',
    'classification.run',
    'villages.write',
    'registry.read',
    'registry.personal-data',
    'registry.write',
    'offline.survey',
    'campaign.decide',
    'applications.manage',
    'reports.submit',
    'reports.board',
    'finance.read',
    'finance.support',
    'tasks.follow-up',
    'feedback.triage',
    'access-log.read',
    'front.read',
    'front.answer',
  ],
  'finance-officer': [
    'units.read',
    'reference.read',
    'classification.run',
    'registry.read',
    'finance.read',
    'finance.write',
    'finance.plan',
    'finance.support',
    'tasks.assign',
    'tasks.follow-up',
    'front.read',
  ],
  supervisor: [
    'units.read',
    'reference.read',
    'classification.run',
    'registry.read',
    'reports.board',
    'finance.read',
    'portal.moderate',
    'feedback.triage',
    'front.read',
    'front.write',
  ],
  editor: ['units.read', 'reference.read', 'classification.run', 'portal.edit', 'portal.moderate'],
};

describe('permission table', () => {
  it('grants every role exactly the rights it had before the table', () => {
    for (const role of ROLES) expect(permissionsOf(role), role).toEqual(EXPECTED[role]);
  });

  it('answers can() and rolesWith() from the same rows', () => {
    for (const p of PERMISSION_NAMES) {
      expect(rolesWith(p)).toEqual(ROLES.filter((r) => EXPECTED[r]!.includes(p)));
      for (const r of ROLES) expect(can(r, p), `${r} ${p}`).toBe(EXPECTED[r]!.includes(p));
    }
  });

  it('gives the administrator everything and an unknown role nothing', () => {
    expect(PERMISSION_NAMES.every((p) => can('admin', p))).toBe(true);
    expect(permissionsOf('')).toEqual([]);
    expect(permissionsOf('Admin')).toEqual([]);
    expect(isPermission('registry.read')).toBe(true);
    expect(isPermission('toString')).toBe(false);
  });

  it('keeps personal data to the registry officers and the administrator', () => {
    expect(ROLES.filter(roleSeesPersonalData)).toEqual(['admin', 'province-officer', 'commune-officer']);
    expect(roleSeesPersonalData('')).toBe(false);
  });

  it('lets only the administrator go without a unit', () => {
    expect(ROLES.filter(roleMayBeNational)).toEqual(['admin']);
  });
});
