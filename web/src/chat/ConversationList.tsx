import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { formatDateTime } from '../shared/format';
import { Icon } from '../shared/Icon';
import { pathForConversation } from './conversationRoute';
import type { ConversationSummary } from './types';

interface Props {
  conversations: ConversationSummary[];
  currentId: string | null;
  search: string;
  onOpen(): void;
  onRename(conversation: ConversationSummary, title: string): Promise<string | null>;
  onDelete(conversation: ConversationSummary): void;
}

const titleOf = (c: ConversationSummary) => c.title || 'Untitled conversation';

/** Each conversation is a link to /c/{id}, with Rename and Delete. */
export function ConversationList({ conversations, currentId, search, onOpen, onRename, onDelete }: Props) {
  const [renaming, setRenaming] = useState<string | null>(null);
  if (conversations.length === 0) {
    return <p className="muted small pad">{search.trim() ? `No conversations match “${search.trim()}”.` : 'No conversations yet.'}</p>;
  }
  return (
    <ul className="conversation-list">
      {conversations.map((c) =>
        renaming === c.id ? (
          <li key={c.id} className="is-renaming">
            <RenameForm
              conversation={c}
              onSave={async (title) => {
                const problem = await onRename(c, title);
                if (!problem) setRenaming(null);
                return problem;
              }}
              onCancel={() => setRenaming(null)}
            />
          </li>
        ) : (
          <li key={c.id} className={c.id === currentId ? 'is-current' : undefined}>
            <Link href={pathForConversation(c.id)} className="conversation-open" aria-current={c.id === currentId ? 'page' : undefined} onClick={onOpen}>
              <span className="conversation-title">{titleOf(c)}</span>
              <span className="conversation-date">{formatDateTime(c.updatedAt)}</span>
            </Link>
            <button type="button" className="btn btn-ghost btn-icon" aria-label={`Rename conversation ${titleOf(c)}`} onClick={() => setRenaming(c.id)}>
              <Icon name="pencil" size={16} />
            </button>
            <button type="button" className="btn btn-ghost btn-icon" aria-label={`Delete conversation ${titleOf(c)}`} onClick={() => onDelete(c)}>
              <Icon name="trash" size={16} />
            </button>
          </li>
        ),
      )}
    </ul>
  );
}

function RenameForm({ conversation, onSave, onCancel }: { conversation: ConversationSummary; onSave(title: string): Promise<string | null>; onCancel(): void }) {
  const [title, setTitle] = useState(conversation.title);
  const [error, setError] = useState<string | null>(null);
  const id = `rename-${conversation.id}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(await onSave(title));
  }

  return (
    <form className="rename-form" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        New title for {titleOf(conversation)}
      </label>
      <input
        id={id}
        value={title}
        maxLength={120}
        autoFocus
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setTitle(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            e.nativeEvent.stopImmediatePropagation();
            onCancel();
          }
        }}
      />
      <div className="rename-actions">
        <button type="submit" className="btn btn-primary btn-small">
          Save
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
