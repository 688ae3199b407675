import { useLocation } from 'wouter';
import { AdminArea } from './admin/AdminArea';
import { AppHeader } from './AppHeader';
import { useSession } from './auth/SessionContext';
import { SignInPage } from './auth/SignInPage';
import { isAdmin } from './auth/types';
import { ChatPage } from './chat/ChatPage';
import { OriginalPage } from './documents/OriginalPage';
import { Alert } from './shared/Alert';
import type { Connect } from './chat/useChat';

/**
 * Signed out → sign-in (any URL, kept for after); signed in → chat at `/` and `/c/{id}`, a document's page at
 * `/documents/{id}`, admin screens at `/admin/…`.
 */
export function App({ connectChat }: { connectChat?: Connect }) {
  const session = useSession();
  const { state } = session;
  const [location] = useLocation();
  const inAdmin = location === '/admin' || location.startsWith('/admin/');
  const documentId = /^\/documents\/([^/]+)\/?$/.exec(location)?.[1];

  if (state.status === 'loading') {
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    );
  }
  if (state.status === 'error') {
    return (
      <main className="signin-page">
        <Alert
          action={
            <button type="button" className="btn btn-secondary btn-small" onClick={session.retry}>
              Retry
            </button>
          }
        >
          {state.message}
        </Alert>
      </main>
    );
  }
  if (state.status === 'signed-out') return <SignInPage expired={state.expired} />;

  const admin = isAdmin(state.me);
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppHeader me={state.me} />
      <main className="app-main" id="main">
        {inAdmin ? (
          admin ? (
            <AdminArea />
          ) : (
            <Forbidden />
          )
        ) : documentId ? (
          <OriginalPage documentId={documentId} />
        ) : (
          <ChatPage {...(connectChat ? { connect: connectChat } : {})} />
        )}
      </main>
    </div>
  );
}

function Forbidden() {
  return (
    <div className="admin-page">
      <Alert>Only administrators can open this page.</Alert>
    </div>
  );
}
