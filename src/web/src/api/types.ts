// Shapes of the API answers the shell uses (see /api/docs).

// The roles are those of the permission table the server enforces.
export type { Role } from '../../../domain/access/permissions';

// Account and session payloads: the server's schemas (src/http/schemas), types only.
export type { User } from '../../../http/schemas/users';
export type { SessionAnswer } from '../../../http/schemas/auth';

export type UnitLevel = 'province' | 'district' | 'commune';

export interface Unit {
  code: string;
  name: string;
  type: string;
  area: 'rural' | 'urban' | null;
  level: UnitLevel;
  parentCode: string | null;
  validFrom: string | null;
  validTo: string | null;
}

export interface UnitDetail extends Unit {
  predecessors: { code: string; name: string; validTo: string }[];
  successors: { code: string; name: string; validFrom: string }[];
}

/** `data` of a UNIT_NOT_FOUND error: where the code went, and every unit that held it. */
export interface UnitNotFoundData {
  successors: { code: string; name: string; validFrom: string }[];
  versions: { name: string; validFrom: string | null; validTo: string | null }[];
}
