// Shapes of the API answers the shell uses (see /api/docs).

// The roles are those of the permission table the server enforces.
export type { Role } from '../../../domain/access/permissions';

// Account and session payloads: the server's schemas (src/http/schemas), types only.
export type { User } from '../../../http/schemas/users';
export type { SessionAnswer } from '../../../http/schemas/auth';

// Units: the server's schemas (src/http/schemas/units), types only.
export type { Unit, UnitDetail, UnitLevel } from '../../../http/schemas/units';

/** `data` of a UNIT_NOT_FOUND error: where the code went, and every unit that held it. */
export interface UnitNotFoundData {
  successors: { code: string; name: string; validFrom: string }[];
  versions: { name: string; validFrom: string | null; validTo: string | null }[];
}
