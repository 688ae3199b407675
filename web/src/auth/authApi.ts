import type { Http } from '../shared/http';
import { ApiError } from '../shared/problem';
import type { Info, Me, Providers } from './types';

/** The signed-in user, or null (401). A 401 here is the normal "not signed in" answer, not an expiry. */
export async function fetchMe(http: Http): Promise<Me | null> {
  try {
    return await http.get<Me>('/api/auth/me', { quiet401: true });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export async function signIn(http: Http, email: string, password: string): Promise<Me> {
  const me = await http.post<Me | undefined>('/api/auth/login', { email, password }, { quiet401: true });
  // Sign-in sets the cookies; /me also refreshes the antiforgery cookie.
  return me ?? (await fetchMe(http)) ?? Promise.reject(new ApiError(401, null));
}

export function signOut(http: Http): Promise<void> {
  return http.post<void>('/api/auth/logout');
}

/** Sign-in options; a server without the endpoint offers email and password only. */
export async function fetchProviders(http: Http): Promise<Providers> {
  try {
    return await http.get<Providers>('/api/auth/providers', { quiet401: true });
  } catch {
    return { password: true, oidc: null };
  }
}

export function fetchInfo(http: Http): Promise<Info> {
  return http.get<Info>('/api/info');
}
