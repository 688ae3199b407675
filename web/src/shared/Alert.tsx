import type { ReactNode } from 'react';

/** An error or notice the user must see; role=alert so screen readers announce it. */
export function Alert({ kind = 'error', children, action }: { kind?: 'error' | 'info'; children: ReactNode; action?: ReactNode }) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <span className="alert-text">{children}</span>
      {action}
    </div>
  );
}
