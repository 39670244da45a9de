// The signed-in session: bootstrapped from /auth/me (401 AUTH_REQUIRED means "nobody"), set by
// /auth/login, cleared by /auth/logout. The CSRF token travels with it to the API client.
import { createContext, useContext } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
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

const SESSION_STALE = 5 * 60 * 1000;

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: SESSION_STALE, retry: 1 });
}

/**
 * Asks /auth/me at start-up, while the router still loads the page's chunk: the signed-in pages
 * otherwise sent it only once that chunk had loaded, one round trip after the other.
 */
export function prefetchSession(qc: QueryClient): Promise<void> {
  return qc.prefetchQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: SESSION_STALE });
}

/**
 * The signed-in user, provided by RequireSession to everything below it. Pages read it from
 * this context rather than from the session query, so that signing out (the query turning to
 * null) unmounts them instead of re-rendering them without a user.
 */
export const UserContext = createContext<User | null>(null);

export function useUser(): User {
  const user = useContext(UserContext);
  if (!user) throw new Error('useUser outside the signed-in layout');
  return user;
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

/** Signs out; the caller leaves the signed-in pages, then calls `forget` to drop what they loaded. */
export function useLogout() {
  const qc = useQueryClient();
  const mutation = useMutation({
    mutationFn: async () => {
      try {
        await api.post('/auth/logout');
      } catch (e) {
        // An expired session is already signed out.
        if (!(isApiError(e) && e.code === 'AUTH_REQUIRED')) throw e;
      }
    },
  });
  const forget = () => {
    setCsrfToken(null);
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
    qc.setQueryData(SESSION_KEY, null);
  };
  return { ...mutation, forget };
}
