// What the server log may say about a request: its method, its path and the names of its query
// parameters — never a value that identifies a person. Household searches by name
// (`q=nguyen van kien`), household keys in paths, citizen IDs and passwords stay out of the log
// (Law 91/2025/QH15 on Personal Data Protection; docs/decisions/0027-personal-data.md).
// ONE list, as data: a new parameter that carries personal data is one entry here. Bodies are
// never logged (the serializer below is the only view of a request the logger gets).
import type { FastifyRequest } from 'fastify';

export const REDACTED = '[redacted]';

/**
 * Query and route parameters whose value is personal data or a secret, by name (compared
 * case-insensitively). Route parameters are matched by the name in the route's pattern
 * (`/registry/households/:householdId`).
 */
export const REDACTED_PARAMETERS: readonly string[] = [
  // search text of the household list, the export, the portal search and the unit lookup
  'q',
  'search',
  // names
  'name',
  'headName',
  'head',
  'complainant',
  // identifiers of a person or a household
  'idNumber',
  'citizenId',
  'cccd',
  'householdId',
  'household',
  'case',
  'caseKey',
  'address',
  'birthDate',
  'phone',
  'email',
  // secrets
  'password',
  'token',
  'csrf',
];

const redactedNames = new Set(REDACTED_PARAMETERS.map((n) => n.toLowerCase()));

export function isRedactedParameter(name: string): boolean {
  return redactedNames.has(name.toLowerCase());
}

/**
 * A path segment of a request that matched no route, kept only when it plainly names no one:
 * short ASCII words, dashes and numbers under 9 digits (a unit code, a period). Anything else —
 * accented text, percent-encoding, a long number like a citizen ID — is replaced.
 */
function harmlessSegment(segment: string): boolean {
  return /^[A-Za-z0-9._-]{0,40}$/.test(segment) && !/\d{9,}/.test(segment);
}

/** The query string with every listed parameter's value replaced (names of parameters kept). */
export function redactQuery(query: string): string {
  if (query === '') return '';
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        return REDACTED;
      }
      if (!harmlessSegment(name)) return REDACTED;
      if (eq < 0) return name;
      return isRedactedParameter(name) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
}

/**
 * The URL of a request as the log may show it. A matched route: its pattern with the parameters
 * filled in, except the listed ones. An unmatched one (a 404): the path with any segment that
 * could name someone replaced. Then the query, redacted.
 */
export function redactedUrl(
  url: string,
  route?: { pattern: string | undefined; params: Record<string, unknown> | undefined },
): string {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : redactQuery(url.slice(q + 1));
  let shown: string;
  if (route?.pattern) {
    const params = route.params ?? {};
    shown = route.pattern.replace(/:([A-Za-z0-9_]+)|\*/g, (match, name: string | undefined) => {
      if (name === undefined) return REDACTED; // a wildcard: whatever it matched
      if (isRedactedParameter(name)) return REDACTED;
      const value = params[name];
      return typeof value === 'string' && harmlessSegment(value) ? value : REDACTED;
    });
  } else {
    shown = path
      .split('/')
      .map((s) => (harmlessSegment(s) ? s : REDACTED))
      .join('/');
  }
  return query === '' ? shown : `${shown}?${query}`;
}

/**
 * Pino serializers for the server's logger: the request without personal data. Fastify gives the
 * `req` serializer its request object (src/http/app.ts merges these into any logger options).
 */
export const logSerializers = {
  req(req: FastifyRequest) {
    return {
      method: req.method,
      url: redactedUrl(req.url, {
        pattern: req.routeOptions?.url,
        params: req.params as Record<string, unknown> | undefined,
      }),
      remoteAddress: req.ip,
    };
  },
};
