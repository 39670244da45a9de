// The signed-in session: bootstrapped from /auth/me (401 AUTH_REQUIRED means "nobody"), set by
// /auth/login, cleared by /auth/logout. The CSRF token travels with it to the API client.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, setCsrfToken } from '../api/client';
import type { SessionAnswer, User } from '../api/types';

export const SESSION_KEY = ['session'] as const;

async function fetchSession(): Promise<User | null> {
  try {
    const s = await api.get<SessionAnswer>('/auth/me');
    setCsrfToken(s.csrfToken);
    return s.user;
  } catch (e) {
    if (isApiError(e) && e.code === 'AUTH_REQUIRED') {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 5 * 60 * 1000, retry: 1 });
}

/** The signed-in user; only for pages under the authenticated layout. */
export function useUser(): User {
  const { data } = useSession();
  if (!data) throw new Error('useUser outside the signed-in layout');
  return data;
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; password: string }) =>
      api.post<SessionAnswer>('/auth/login', input),
    onSuccess: (s) => {
      setCsrfToken(s.csrfToken);
      // Another account may have been signed in on this tab: drop everything it loaded.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      qc.setQueryData(SESSION_KEY, s.user);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await api.post('/auth/logout');
      } catch (e) {
        // An expired session is already signed out.
        if (!(isApiError(e) && e.code === 'AUTH_REQUIRED')) throw e;
      }
    },
    onSuccess: () => {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(SESSION_KEY, null);
    },
  });
}
