import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useHttp } from '../shared/ApiContext';
import { Alert } from '../shared/Alert';
import { ApiError, errorText } from '../shared/problem';
import { fetchProviders } from './authApi';
import { useSession } from './SessionContext';
import type { Providers } from './types';

function signInError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 423) return err.problem?.detail?.trim() || 'This account is locked after too many failed attempts. Try again later.';
    if (err.status === 429) {
      const wait = err.retryAfterSeconds;
      return wait ? `Too many attempts. Try again in ${wait} s.` : err.message;
    }
  }
  return errorText(err, 'Sign-in failed.');
}

export function SignInPage({ expired }: { expired: boolean }) {
  const http = useHttp();
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [providers, setProviders] = useState<Providers>({ password: true, oidc: null });
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    emailRef.current?.focus();
    let live = true;
    fetchProviders(http).then((p) => live && setProviders(p));
    return () => {
      live = false;
    };
  }, [http]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
    } catch (err) {
      setError(signInError(err));
      setPassword('');
      passwordRef.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  const oidc = providers.oidc;
  return (
    <main className="signin-page" id="main">
      <form className="card signin-card" onSubmit={submit} aria-labelledby="signin-title" noValidate={false}>
        <h1 className="signin-brand">KnowledgeBase</h1>
        <h2 className="card-title" id="signin-title">
          Sign in
        </h2>
        {expired && !error && <Alert kind="info">Your session ended. Please sign in again.</Alert>}
        {error && <Alert>{error}</Alert>}
        <div className="field">
          <label htmlFor="email">Email</label>
          <input
            id="email"
            ref={emailRef}
            type="email"
            autoComplete="username"
            required
            spellCheck={false}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input
            id="password"
            ref={passwordRef}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {oidc && (
          <>
            <div className="divider" role="separator">
              <span>or</span>
            </div>
            <a className="btn btn-secondary btn-block" href={oidc.loginUrl}>
              Sign in with {oidc.displayName}
            </a>
          </>
        )}
      </form>
    </main>
  );
}
