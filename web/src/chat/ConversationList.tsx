import { formatDateTime } from '../shared/format';
import type { ConversationSummary } from './types';
import { Icon } from '../shared/Icon';

interface Props {
  conversations: ConversationSummary[];
  currentId: string | null;
  onOpen(id: string): void;
  onDelete(conversation: ConversationSummary): void;
}

export function ConversationList({ conversations, currentId, onOpen, onDelete }: Props) {
  if (conversations.length === 0) return <p className="muted small pad">No conversations yet.</p>;
  return (
    <ul className="conversation-list">
      {conversations.map((c) => (
        <li key={c.id} className={c.id === currentId ? 'is-current' : undefined}>
          <button type="button" className="conversation-open" aria-current={c.id === currentId ? 'true' : undefined} onClick={() => onOpen(c.id)}>
            <span className="conversation-title">{c.title || 'Untitled conversation'}</span>
            <span className="conversation-date">{formatDateTime(c.updatedAt)}</span>
          </button>
          <button type="button" className="btn btn-ghost btn-icon" aria-label={`Delete conversation ${c.title || 'Untitled'}`} onClick={() => onDelete(c)}>
            <Icon name="trash" />
          </button>
        </li>
      ))}
    </ul>
  );
}
