// Who may see the people behind the registry's figures — names, birth dates, citizen IDs,
// addresses, survey answers — and so print certificates: the registry officers and the
// administrator. Everyone else (finance officers, supervisors, editors) sees initials.
// One rule for the server (src/services/access.ts) and the web app.

/** The roles, besides the administrator, that see personal data. */
export const PERSONAL_DATA_ROLES = ['province-officer', 'commune-officer'] as const;

export function roleSeesPersonalData(role: string): boolean {
  return role === 'admin' || (PERSONAL_DATA_ROLES as readonly string[]).includes(role);
}
