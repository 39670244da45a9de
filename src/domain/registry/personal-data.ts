// Who may see the people behind the registry's figures is the permission `registry.personal-data`
// of the permission table (src/domain/access/permissions.ts). This module only keeps the old
// names working for code not yet moved to `can(role, 'registry.personal-data')`.
import { can, rolesWith } from '../access/permissions.js';

/** The roles, besides the administrator, that see personal data. */
export const PERSONAL_DATA_ROLES = rolesWith('registry.personal-data').filter((r) => r !== 'admin');

export function roleSeesPersonalData(role: string): boolean {
  return can(role, 'registry.personal-data');
}
