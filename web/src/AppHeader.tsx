import { Link, useLocation } from 'wouter';
import { useSession } from './auth/SessionContext';
import { isAdmin, type Me } from './auth/types';
import { ModeBadge } from './ModeBadge';

export function AppHeader({ me }: { me: Me }) {
  const { info, signOut } = useSession();
  const [location] = useLocation();
  const inAdmin = location.startsWith('/admin');
  const extractive = info?.answerMode === 'extractive';
  return (
    <header className="app-header">
      <div className="app-header-inner">
        <Link href="/" className="brand">
          KnowledgeBase
        </Link>
        {extractive && <ModeBadge />}
        {info && !extractive && info.model && <span className="model-badge">{info.model}</span>}
        {/* Employees have one screen; only admins need to switch. */}
        {isAdmin(me) ? (
          <nav className="header-nav" aria-label="Main">
            <Link href="/" className={`nav-link${!inAdmin ? ' is-active' : ''}`} aria-current={!inAdmin ? 'page' : undefined}>
              Chat
            </Link>
            <Link href="/admin/documents" className={`nav-link${inAdmin ? ' is-active' : ''}`} aria-current={inAdmin ? 'page' : undefined}>
              Admin
            </Link>
          </nav>
        ) : (
          <span className="header-spacer" />
        )}
        <div className="user-area">
          <span className="user-email" title={me.email}>
            {me.displayName || me.email}
          </span>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </div>
    </header>
  );
}
