import { useEffect, useRef, useState } from 'react';
import { useHttp } from '../shared/ApiContext';
import { Alert } from '../shared/Alert';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { errorText } from '../shared/problem';
import { useResource } from '../shared/useResource';
import { AskForm } from './AskForm';
import { deleteConversation, getConversation, listConversations, turnsFromConversation } from './chatApi';
import { ConversationSidebar } from './ConversationSidebar';
import { SourcePanel } from './SourcePanel';
import { TurnView } from './TurnView';
import type { ConversationSummary } from './types';
import { useChat, type Connect } from './useChat';
import { Icon } from '../shared/Icon';

interface Selection {
  turnKey: string;
  number: number;
}

/** The employee's screen: conversations, the transcript, the question box and the source panel. */
export function ChatPage({ connect }: { connect?: Connect }) {
  const http = useHttp();
  const chat = useChat(connect);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [toDelete, setToDelete] = useState<ConversationSummary | null>(null);
  const [pageError, setPageError] = useState<string | null>(null);
  const questionRef = useRef<HTMLTextAreaElement>(null);
  const endRef = useRef<HTMLDivElement>(null);
  // Refetched when an answer is stored (a new conversation, or a newer "updated" time).
  const answered = chat.turns.filter((t) => t.status === 'done').length;
  const [conversations, reloadConversations] = useResource(() => listConversations(http), `${chat.conversationId}:${answered}`);
  const hasHistory = conversations.state !== 'unavailable';

  useEffect(() => questionRef.current?.focus(), []);
  const last = chat.turns[chat.turns.length - 1];
  useEffect(() => {
    endRef.current?.scrollIntoView?.({ block: 'end' });
  }, [chat.turns.length, last?.text.length, last?.status]);

  const selectedTurn = selection ? chat.turns.find((t) => t.key === selection.turnKey) : undefined;
  const selectedCitation = selectedTurn?.citations.find((c) => c.number === selection?.number);

  function newChat() {
    chat.reset();
    setSelection(null);
    setDrawerOpen(false);
    questionRef.current?.focus();
  }

  async function open(id: string) {
    setPageError(null);
    setDrawerOpen(false);
    try {
      const conversation = await getConversation(http, id);
      chat.reset(conversation.id, turnsFromConversation(conversation));
      setSelection(null);
      questionRef.current?.focus();
    } catch (err) {
      setPageError(errorText(err, 'The conversation could not be opened.'));
    }
  }

  async function confirmDelete(c: ConversationSummary) {
    setToDelete(null);
    try {
      await deleteConversation(http, c.id);
      if (c.id === chat.conversationId) newChat();
      reloadConversations();
    } catch (err) {
      setPageError(errorText(err, 'The conversation could not be deleted.'));
    }
  }

  return (
    <div className={`chat-layout${hasHistory ? ' has-sidebar' : ''}${selectedCitation ? ' has-source' : ''}`}>
      {hasHistory && (
        <ConversationSidebar
          conversations={conversations}
          currentId={chat.conversationId}
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          onNew={newChat}
          onOpen={open}
          onDelete={setToDelete}
        />
      )}
      <section className="chat-main" aria-label="Ask your documents">
        <div className="chat-toolbar">
          {hasHistory && (
            <button type="button" className="btn btn-ghost drawer-toggle" aria-expanded={drawerOpen} onClick={() => setDrawerOpen(true)}>
              <Icon name="menu" /> Conversations
            </button>
          )}
          {chat.turns.length > 0 && (
            <button type="button" className="btn btn-ghost" onClick={newChat}>
              New chat
            </button>
          )}
        </div>
        {chat.connection === 'reconnecting' && <Alert kind="info">Connection lost. Reconnecting…</Alert>}
        {chat.connection === 'disconnected' && <Alert kind="info">Disconnected from the server. Asking again reconnects.</Alert>}
        {pageError && <Alert>{pageError}</Alert>}
        <div className="transcript-scroll">
          {chat.turns.length === 0 ? (
            <div className="empty-state">
              <h2>Ask your documents</h2>
              <p>Answers come from your knowledge base and cite their sources, like [1]. Click a source to read the passage.</p>
            </div>
          ) : (
            <ol className="transcript" aria-label="Conversation">
              {chat.turns.map((t, i) => (
                <TurnView
                  key={t.key}
                  turn={t}
                  latest={i === chat.turns.length - 1}
                  selected={selection?.turnKey === t.key ? selection.number : null}
                  onCite={(turnKey, number) => setSelection({ turnKey, number })}
                  onRetry={chat.retry}
                  onFeedback={chat.setFeedback}
                />
              ))}
            </ol>
          )}
          <div ref={endRef} />
        </div>
        <AskForm ref={questionRef} busy={chat.busy} onAsk={chat.ask} onStop={chat.stop} />
      </section>
      {selectedCitation && <SourcePanel citation={selectedCitation} onClose={() => setSelection(null)} />}
      {toDelete && (
        <ConfirmDialog
          title="Delete this conversation?"
          confirmLabel="Delete"
          onCancel={() => setToDelete(null)}
          onConfirm={() => confirmDelete(toDelete)}
        >
          “{toDelete.title || 'Untitled conversation'}” and its answers will be removed for good.
        </ConfirmDialog>
      )}
    </div>
  );
}
