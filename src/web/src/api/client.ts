// The web app's only way to the server: JSON over /api/v1. State-changing requests carry the
// session's CSRF token in `x-csrf-token`; every `{error:{…}}` body becomes an ApiError with the
// catalogue code, the field it concerns and the message in both languages.

export const API_BASE = '/api/v1';

export interface ApiErrorBody {
  code: string;
  field?: string;
  message: string;
  messageEn: string;
  /** Errors may carry extra keys (e.g. UNIT_NOT_FOUND: `successors`, `versions`). */
  [extra: string]: unknown;
}

/** A coded error from the API (`code` from src/errors.ts), or NETWORK / BAD_RESPONSE from here. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly field: string | undefined;
  readonly messageVi: string | undefined;
  readonly messageEn: string | undefined;
  /** The whole error body, for the extra keys some codes carry. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    status: number,
    body: { code: string; field?: string; message?: string; messageEn?: string; [extra: string]: unknown },
  ) {
    super(body.messageEn ?? body.message ?? body.code);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.field = body.field;
    // The API answers `message` in the language of the `lang` cookie; `messageEn` is always English.
    this.messageEn = body.messageEn;
    this.messageVi = body.message !== undefined && body.message !== body.messageEn ? body.message : undefined;
    this.details = body;
  }

  /** The message in `lang`, when the server gave one (NETWORK/BAD_RESPONSE have none). */
  messageIn(lang: 'vi' | 'en'): string | undefined {
    return lang === 'en' ? this.messageEn : (this.messageVi ?? this.messageEn);
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

let csrfToken: string | null = null;

/** Set from /auth/login and /auth/me; cleared on sign-out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Query = Record<string, string | number | undefined | null>;

function urlOf(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {}))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function request<T>(
  method: string,
  path: string,
  opts: { query?: Query; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (STATE_CHANGING.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(urlOf(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, { code: 'NETWORK' });
  }
  const text = await res.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      throw new ApiError(res.status, { code: 'BAD_RESPONSE' });
    }
  }
  if (!res.ok) {
    const err = (body as { error?: ApiErrorBody } | undefined)?.error;
    if (err && typeof err.code === 'string') throw new ApiError(res.status, err);
    throw new ApiError(res.status, { code: 'BAD_RESPONSE' });
  }
  return body as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    request<T>('GET', path, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body === undefined ? {} : { body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
