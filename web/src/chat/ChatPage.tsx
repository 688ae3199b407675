import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { useSession } from '../auth/SessionContext';
import { isAdmin } from '../auth/types';
import { useHttp } from '../shared/ApiContext';
import { Alert } from '../shared/Alert';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { Icon } from '../shared/Icon';
import { ApiError, errorText } from '../shared/problem';
import { useResource } from '../shared/useResource';
import { AskForm } from './AskForm';
import { deleteConversation, getConversation, listConversations, renameConversation, turnsFromConversation } from './chatApi';
import { ConversationSidebar } from './ConversationSidebar';
import { conversationIdFromPath, routeSync, type RouteState } from './conversationRoute';
import { getLibrary } from './library';
import { SourcePanel } from './SourcePanel';
import { TurnView } from './TurnView';
import { WelcomePanel } from './WelcomePanel';
import type { ConversationSummary } from './types';
import { useChat, type Connect } from './useChat';
import { useDebounced } from './useDebounced';
import { useChatKeys } from './useChatKeys';

interface Selection {
  turnKey: string;
  number: number;
}

type Opening = { state: 'idle' } | { state: 'loading'; id: string } | { state: 'missing'; id: string; message: string };

/** The employee's screen: conversations, the transcript, the question box and the source panel. `/c/{id}` names the conversation. */
export function ChatPage({ connect }: { connect?: Connect }) {
  const http = useHttp();
  const session = useSession();
  const me = session.state.status === 'signed-in' ? session.state.me : null;
  const chat = useChat(connect);
  const [location, navigate] = useLocation();
  const urlId = conversationIdFromPath(location);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [toDelete, setToDelete] = useState<ConversationSummary | null>(null);
  const [pageError, setPageError] = useState<string | null>(null);
  const [opening, setOpening] = useState<Opening>({ state: 'idle' });
  const [search, setSearch] = useState('');
  const query = useDebounced(search, 250);
  const questionRef = useRef<HTMLTextAreaElement>(null);
  const endRef = useRef<HTMLDivElement>(null);
  // Refetched when an answer is stored (a new conversation, or a newer "updated" time), or the search changes.
  const answered = chat.turns.filter((t) => t.status === 'done').length;
  const [conversations, reloadConversations, setConversations] = useResource(
    () => listConversations(http, query),
    `${chat.conversationId}:${answered}:${query}`,
  );
  // Fresh counts each time a new chat starts.
  const [library] = useResource(() => getLibrary(http), String(chat.conversationId === null));
  const hasHistory = conversations.state !== 'unavailable';

  // The address and the conversation on screen follow each other (see conversationRoute.ts).
  const openGeneration = useRef(0);
  const open = useCallback(
    async (id: string) => {
      const mine = ++openGeneration.current;
      setOpening({ state: 'loading', id });
      setSelection(null);
      setPageError(null);
      try {
        const conversation = await getConversation(http, id);
        if (mine !== openGeneration.current) return;
        chat.reset(conversation.id, turnsFromConversation(conversation));
        setOpening({ state: 'idle' });
      } catch (err) {
        if (mine !== openGeneration.current) return;
        chat.reset();
        const missing = err instanceof ApiError && (err.status === 404 || err.status === 400);
        setOpening({
          state: 'missing',
          id,
          message: missing ? 'This conversation does not exist, or it was deleted.' : errorText(err, 'The conversation could not be opened.'),
        });
      }
    },
    [http, chat],
  );
  const onScreen = opening.state === 'missing' ? opening.id : opening.state === 'loading' ? opening.id : chat.conversationId;
  const previous = useRef<RouteState | null>(null);
  useEffect(() => {
    const next = { urlId, chatId: onScreen };
    const action = routeSync(previous.current, next);
    previous.current = next;
    if (action.type === 'open') void open(action.id);
    else if (action.type === 'new') {
      openGeneration.current++;
      setOpening({ state: 'idle' });
      chat.reset();
      setSelection(null);
      questionRef.current?.focus();
    } else if (action.type === 'replace') navigate(action.path, { replace: true });
  }, [urlId, onScreen, open, chat, navigate]);

  const current = conversations.state === 'ready' ? conversations.data.find((c) => c.id === chat.conversationId) : undefined;
  const title = opening.state === 'missing' ? 'Conversation not found' : current?.title || (chat.turns[0]?.question ?? '') || 'New chat';
  useEffect(() => {
    document.title = title === 'New chat' ? 'KnowledgeBase' : `${title} · KnowledgeBase`;
  }, [title]);

  useEffect(() => questionRef.current?.focus(), []);
  const last = chat.turns[chat.turns.length - 1];
  useEffect(() => {
    endRef.current?.scrollIntoView?.({ block: 'end' });
  }, [chat.turns.length, last?.text.length, last?.status]);

  const selectedTurn = selection ? chat.turns.find((t) => t.key === selection.turnKey) : undefined;
  const selectedCitation = selectedTurn?.citations.find((c) => c.number === selection?.number);

  useChatKeys({
    drawerOpen,
    closeDrawer: () => setDrawerOpen(false),
    sourceOpen: !!selectedCitation,
    closeSource: () => setSelection(null),
    busy: chat.busy,
    stop: chat.stop,
    focusQuestion: () => questionRef.current?.focus(),
  });

  async function rename(c: ConversationSummary, newTitle: string): Promise<string | null> {
    try {
      const saved = await renameConversation(http, c.id, newTitle.trim());
      if (conversations.state === 'ready') setConversations(conversations.data.map((x) => (x.id === c.id ? { ...x, title: saved.title } : x)));
      return null;
    } catch (err) {
      return errorText(err, 'The conversation was not renamed.');
    }
  }

  async function confirmDelete(c: ConversationSummary) {
    setToDelete(null);
    try {
      await deleteConversation(http, c.id);
      if (c.id === chat.conversationId) navigate('/');
      reloadConversations();
    } catch (err) {
      setPageError(errorText(err, 'The conversation could not be deleted.'));
    }
  }

  const ask = (question: string) => {
    if (opening.state === 'missing') {
      // A question on a not-found page starts a new conversation.
      setOpening({ state: 'idle' });
    }
    chat.ask(question);
  };

  return (
    <div className={`chat-layout${hasHistory ? ' has-sidebar' : ''}${selectedCitation ? ' has-source' : ''}`}>
      {hasHistory && (
        <ConversationSidebar
          conversations={conversations}
          currentId={chat.conversationId}
          search={search}
          onSearch={setSearch}
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          onRename={rename}
          onDelete={setToDelete}
        />
      )}
      <section className="chat-main" aria-labelledby="chat-title">
        <div className="chat-toolbar">
          {hasHistory && (
            <button type="button" className="btn btn-ghost drawer-toggle" aria-expanded={drawerOpen} onClick={() => setDrawerOpen(true)}>
              <Icon name="menu" /> <span className="drawer-toggle-label">Conversations</span>
            </button>
          )}
          <h1 className="chat-title" id="chat-title" title={title}>
            {title}
          </h1>
          {(chat.turns.length > 0 || opening.state !== 'idle') && (
            <Link href="/" className="btn btn-ghost">
              New chat
            </Link>
          )}
        </div>
        {chat.connection === 'reconnecting' && <Alert kind="info">Connection lost. Reconnecting…</Alert>}
        {chat.connection === 'disconnected' && <Alert kind="info">Disconnected from the server. Asking again reconnects.</Alert>}
        {pageError && <Alert>{pageError}</Alert>}
        <div className="transcript-scroll">
          {opening.state === 'loading' ? (
            <p className="muted loading" role="status">
              Loading the conversation…
            </p>
          ) : opening.state === 'missing' ? (
            <div className="empty-state" role="alert">
              <p>{opening.message}</p>
              <Link href="/" className="btn btn-primary">
                Start a new chat
              </Link>
            </div>
          ) : chat.turns.length === 0 ? (
            <WelcomePanel
              library={library}
              fallbackDocuments={session.info?.documents ?? null}
              admin={isAdmin(me)}
              groups={me?.groups ?? []}
              onAsk={ask}
            />
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
                  onEdit={chat.edit}
                  onFeedback={chat.setFeedback}
                />
              ))}
            </ol>
          )}
          <div ref={endRef} />
        </div>
        <AskForm
          ref={questionRef}
          busy={chat.busy}
          canRegenerate={!!last && !chat.busy && last.status !== 'error'}
          onAsk={ask}
          onStop={chat.stop}
          onRegenerate={chat.retry}
        />
      </section>
      {selectedCitation && <SourcePanel citation={selectedCitation} onClose={() => setSelection(null)} />}
      {toDelete && (
        <ConfirmDialog title="Delete this conversation?" confirmLabel="Delete" onCancel={() => setToDelete(null)} onConfirm={() => confirmDelete(toDelete)}>
          “{toDelete.title || 'Untitled conversation'}” and its answers will be removed for good.
        </ConfirmDialog>
      )}
    </div>
  );
}
