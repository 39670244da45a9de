// The one masking step personal data passes through before it leaves a service: names, birth
// dates, citizen IDs, addresses, survey answers and complainants. Keyed on the permission
// `registry.personal-data` of the permission table (src/domain/access/permissions.ts); everyone else
// reads initials and nothing more, the household list's rule (domain/registry/personal-data.ts,
// Decree 13/2023: the least data for the purpose). A service building a response that carries any
// of these takes `personalDataFor(actor)` once and sends every such value through it.
import { maskName } from '../domain/registry/certificate.js';
import { hasPermission } from './access.js';
import type { Actor } from './deps.js';

export interface PersonalData {
  /** True when the actor may see people as they are (nothing is masked). */
  readonly reveals: boolean;
  /** A person's name, or its initials ("Nguyễn Văn Hùng" → "N. V. H."). */
  name(value: string): string;
  /** A name that may be absent. */
  nameOrNull(value: string | null | undefined): string | null;
  /** Birth date, citizen ID, address: withheld. */
  hidden<T>(value: T): T | null;
  /** Free text written about people (a complaint): withheld. */
  text(value: string | null | undefined): string | null;
  /**
   * A survey record as submitted (contracts/survey-record.md): for a masked reader only what
   * identifies the case — the household ID, commune, date — and the members' initials and
   * relations; no answers, birth dates or citizen IDs.
   */
  survey(value: unknown): unknown;
  /** Replaces every occurrence of the given names in a text by their initials. */
  namesIn(text: string, names: readonly string[]): string;
}

const REVEAL: PersonalData = {
  reveals: true,
  name: (v) => v,
  nameOrNull: (v) => v ?? null,
  hidden: (v) => v,
  text: (v) => v ?? null,
  survey: (v) => v,
  namesIn: (t) => t,
};

const MASK: PersonalData = {
  reveals: false,
  name: (v) => maskName(v),
  nameOrNull: (v) => (v === null || v === undefined ? null : maskName(v)),
  hidden: () => null,
  text: (v) => (v === null || v === undefined ? null : '…'),
  survey(value) {
    if (!value || typeof value !== 'object') return null;
    const r = value as Record<string, unknown>;
    const members = Array.isArray(r.members) ? (r.members as unknown[]) : [];
    return {
      householdId: r.householdId ?? null,
      unitCode: r.unitCode ?? null,
      surveyDate: r.surveyDate ?? null,
      members: members.map((m) => {
        const x = (m && typeof m === 'object' ? m : {}) as Record<string, unknown>;
        return {
          name: typeof x.name === 'string' ? maskName(x.name) : null,
          relation: x.relation ?? null,
          sex: x.sex ?? null,
        };
      }),
    };
  },
  namesIn(text, names) {
    return [...names]
      .filter((n) => n.trim().length > 0)
      .sort((a, b) => b.length - a.length)
      .reduce((s, n) => s.split(n).join(maskName(n)), text);
  },
};

/** The masking step for the actor (one decision per response). */
export function personalDataFor(actor: Actor): PersonalData {
  return hasPermission(actor, 'registry.personal-data') ? REVEAL : MASK;
}
