import { useRef } from 'react';
import { Link } from 'wouter';
import { Icon } from '../shared/Icon';
import { useFocusTrap } from '../shared/useFocusTrap';
import type { Resource } from '../shared/useResource';
import { ConversationList } from './ConversationList';
import type { ConversationSummary } from './types';

interface Props {
  conversations: Resource<ConversationSummary[]>;
  currentId: string | null;
  search: string;
  onSearch(search: string): void;
  /** Phone drawer: open, focus trapped inside, Escape or the backdrop closes it. */
  open: boolean;
  onClose(): void;
  onRename(conversation: ConversationSummary, title: string): Promise<string | null>;
  onDelete(c: ConversationSummary): void;
}

/** Past conversations: a column on wide screens, a drawer on phones (`open`). */
export function ConversationSidebar({ conversations, currentId, search, onSearch, open, onClose, onRename, onDelete }: Props) {
  const ref = useRef<HTMLElement>(null);
  useFocusTrap(ref, open);

  return (
    <>
      {open && <div className="drawer-backdrop" onClick={onClose} />}
      <nav
        className={`sidebar${open ? ' is-open' : ''}`}
        aria-label="Conversations"
        ref={ref}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && open) {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <div className="sidebar-header">
          <Link href="/" className="btn btn-secondary btn-block" onClick={onClose}>
            + New chat
          </Link>
          <button type="button" className="btn btn-ghost btn-icon drawer-close" aria-label="Close conversations" onClick={onClose}>
            ×
          </button>
        </div>
        <div className="sidebar-search">
          <label htmlFor="conversation-search" className="visually-hidden">
            Search conversations
          </label>
          <Icon name="search" size={16} />
          <input id="conversation-search" type="search" placeholder="Search conversations" value={search} onChange={(e) => onSearch(e.target.value)} />
        </div>
        <h2 className="sidebar-title">{search.trim() ? 'Matches' : 'Recent'}</h2>
        {conversations.state === 'loading' && <p className="muted small pad">Loading…</p>}
        {conversations.state === 'error' && <p className="field-error pad" role="alert">{conversations.message}</p>}
        {conversations.state === 'ready' && (
          <ConversationList
            conversations={conversations.data}
            currentId={currentId}
            search={search}
            onOpen={onClose}
            onRename={onRename}
            onDelete={onDelete}
          />
        )}
      </nav>
    </>
  );
}
