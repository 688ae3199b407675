import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useHttp } from '../shared/ApiContext';
import { errorText } from '../shared/problem';
import { fetchInfo, fetchMe, signIn as apiSignIn, signOut as apiSignOut } from './authApi';
import type { Info, Me } from './types';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; expired: boolean }
  | { status: 'signed-in'; me: Me }
  | { status: 'error'; message: string };

export interface Session {
  state: SessionState;
  info: Info | null;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  retry(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const http = useHttp();
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [info, setInfo] = useState<Info | null>(null);

  const load = useCallback(() => {
    setState({ status: 'loading' });
    fetchMe(http).then(
      (me) => setState(me ? { status: 'signed-in', me } : { status: 'signed-out', expired: false }),
      (err: unknown) => setState({ status: 'error', message: errorText(err, 'The server could not be reached.') }),
    );
  }, [http]);

  useEffect(() => {
    http.onUnauthorized(() => setState((s) => (s.status === 'signed-in' ? { status: 'signed-out', expired: true } : s)));
    load();
  }, [http, load]);

  const signedIn = state.status === 'signed-in';
  useEffect(() => {
    if (!signedIn) return;
    let live = true;
    fetchInfo(http).then(
      (i) => live && setInfo(i),
      () => live && setInfo(null),
    );
    return () => {
      live = false;
    };
  }, [http, signedIn]);

  const session = useMemo<Session>(
    () => ({
      state,
      info,
      async signIn(email, password) {
        const me = await apiSignIn(http, email, password);
        setState({ status: 'signed-in', me });
      },
      async signOut() {
        await apiSignOut(http).catch(() => undefined);
        setInfo(null);
        setState({ status: 'signed-out', expired: false });
      },
      retry: load,
    }),
    [http, state, info, load],
  );

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionProvider>');
  return session;
}

/** The signed-in user (only call below the sign-in gate). */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe while signed out');
  return state.me;
}
