import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { DocumentsPage } from './documents/DocumentsPage';
import { FeedbackPage } from './reports/FeedbackPage';
import { FeedbackTurnPage } from './reports/FeedbackTurnPage';
import { GuardrailsPage } from './reports/GuardrailsPage';
import { UsagePage } from './reports/UsagePage';
import { UsersPage } from './users/UsersPage';

const Tabs = [
  { href: '/admin/documents', label: 'Documents' },
  { href: '/admin/users', label: 'Users & access' },
  { href: '/admin/usage', label: 'Usage' },
  { href: '/admin/feedback', label: 'Feedback' },
  { href: '/admin/guardrails', label: 'Guardrails' },
];

const isTab = (location: string, href: string) => location === href || location.startsWith(`${href}/`);

/** The admin screens under /admin/…, with their own tab bar. */
export function AdminArea() {
  const [location] = useLocation();
  return (
    <div className="admin">
      <nav className="tabs" aria-label="Admin">
        {Tabs.map((t) => (
          <Link key={t.href} href={t.href} className={`tab${isTab(location, t.href) ? ' is-active' : ''}`} aria-current={location === t.href ? 'page' : undefined}>
            {t.label}
          </Link>
        ))}
      </nav>
      <Switch>
        <Route path="/admin/documents" component={DocumentsPage} />
        <Route path="/admin/users" component={UsersPage} />
        <Route path="/admin/usage" component={UsagePage} />
        <Route path="/admin/feedback" component={FeedbackPage} />
        <Route path="/admin/feedback/:messageId">{(params) => <FeedbackTurnPage messageId={params.messageId} />}</Route>
        <Route path="/admin/guardrails" component={GuardrailsPage} />
        <Route>
          <Redirect to="/admin/documents" replace />
        </Route>
      </Switch>
    </div>
  );
}
