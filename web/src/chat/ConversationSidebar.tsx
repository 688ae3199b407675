import { useEffect, useRef } from 'react';
import type { Resource } from '../shared/useResource';
import { ConversationList } from './ConversationList';
import type { ConversationSummary } from './types';

interface Props {
  conversations: Resource<ConversationSummary[]>;
  currentId: string | null;
  open: boolean;
  onClose(): void;
  onNew(): void;
  onOpen(id: string): void;
  onDelete(c: ConversationSummary): void;
}

/** Past conversations: a column on wide screens, a drawer on phones (`open`). */
export function ConversationSidebar({ conversations, currentId, open, onClose, onNew, onOpen, onDelete }: Props) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (open) ref.current?.querySelector<HTMLElement>('button')?.focus();
  }, [open]);

  return (
    <>
      {open && <div className="drawer-backdrop" onClick={onClose} />}
      <nav
        className={`sidebar${open ? ' is-open' : ''}`}
        aria-label="Conversations"
        ref={ref}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && open) onClose();
        }}
      >
        <div className="sidebar-header">
          <button type="button" className="btn btn-secondary btn-block" onClick={onNew}>
            + New chat
          </button>
          <button type="button" className="btn btn-ghost btn-icon drawer-close" aria-label="Close conversations" onClick={onClose}>
            ×
          </button>
        </div>
        <h2 className="sidebar-title">Recent</h2>
        {conversations.state === 'loading' && <p className="muted small pad">Loading…</p>}
        {conversations.state === 'error' && <p className="field-error pad" role="alert">{conversations.message}</p>}
        {conversations.state === 'ready' && (
          <ConversationList conversations={conversations.data} currentId={currentId} onOpen={onOpen} onDelete={onDelete} />
        )}
      </nav>
    </>
  );
}
