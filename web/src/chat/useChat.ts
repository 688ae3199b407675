import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { HttpError } from '@microsoft/signalr';
import { useHttp } from '../shared/ApiContext';
import { HubClient, type ConnectionStatus } from '../shared/hubConnection';
import { askStream, streamFailureMessage, type AskHandle, type StreamingConnection } from './askStream';
import { isActive, newTurn, reduceTurn, type Turn, type TurnAction } from './turn';
import type { AskRequest, Feedback } from './types';

export interface Chat {
  turns: Turn[];
  conversationId: string | null;
  connection: ConnectionStatus;
  busy: boolean;
  ask(question: string): void;
  stop(): void;
  /** Asks the last question again in its place (after an answer, a stop or an error). */
  retry(): void;
  /** Sends `question` in place of the last one (edit and resend). */
  edit(question: string): void;
  /** Starts over (or shows `turns` of a stored conversation). */
  reset(conversationId?: string | null, turns?: Turn[]): void;
  setFeedback(turnKey: string, feedback: Feedback): void;
}

/** Connects to the chat hub; `fresh` replaces the current connection (a seam: tests pass a fake). */
export type Connect = (fresh?: boolean) => Promise<StreamingConnection>;

/**
 * The server's hub filter refuses every call on a connection opened before the user's role or
 * groups changed; a new connection carries the current access.
 */
export function isAccessChange(message: string): boolean {
  return /your access has changed/i.test(message);
}

/** The user was deleted or signed out elsewhere: only signing in again helps. */
function isSessionEnd(message: string): boolean {
  return /your session has ended/i.test(message);
}

let keys = 0;

/**
 * The conversation on screen: asks over the hub stream, applies events to the newest turn,
 * keeps the server's conversation id for follow-ups, stops and retries.
 */
export function useChat(connect?: Connect): Chat {
  const http = useHttp();
  const [turns, setTurns] = useState<Turn[]>([]);
  const [conversationId, setConversationId] = useState<string | null>(null);
  const [connection, setConnection] = useState<ConnectionStatus>('idle');
  const handle = useRef<AskHandle | null>(null);
  const conversationRef = useRef<string | null>(null);
  conversationRef.current = conversationId;

  const hub = useMemo(() => (connect ? null : new HubClient('/hubs/chat', setConnection)), [connect]);
  useEffect(() => () => void hub?.disconnect(), [hub]);
  const open = useCallback<Connect>(
    (fresh) => (connect ? connect(fresh) : fresh ? hub!.reconnect() : hub!.connect()),
    [connect, hub],
  );

  const apply = useCallback((key: string, action: TurnAction) => {
    setTurns((ts) => ts.map((t) => (t.key === key ? reduceTurn(t, action) : t)));
    // The conversation is known from the sources on (so a stopped answer can be asked again), else from done.
    const id = action.type === 'retrieval' || action.type === 'done' ? action.conversationId : null;
    if (id) setConversationId(id);
  }, []);

  /** Asks `question`; `replace` is the turn it takes the place of (its stored question, if any, is replaced on the server too). */
  const start = useCallback(
    (question: string, replace?: Turn) => {
      handle.current?.stop();
      const key = `t${++keys}`;
      setTurns((ts) => [...ts.filter((t) => t.key !== replace?.key), newTurn(key, question)]);
      const request: AskRequest = { question, conversationId: conversationRef.current };
      if (replace?.questionId && conversationRef.current) request.replaces = replace.questionId;
      // Stop may come before the hub connection is up: then the stream is never started.
      let inner: AskHandle | null = null;
      let stopped = false;
      handle.current = {
        stop() {
          if (stopped) return;
          stopped = true;
          if (inner) inner.stop();
          else apply(key, { type: 'stop' });
        },
        get finished() {
          return stopped || !!inner?.finished;
        },
      };
      // A refusal because access changed is answered by one transparent reconnect and retry.
      let reconnected = false;
      const run = (fresh: boolean): void => {
        open(fresh).then(
          (conn) => {
            if (stopped) return;
            inner = askStream(conn, request, (a) => {
              if (a.type === 'failure' && !reconnected && isAccessChange(a.message)) {
                reconnected = true;
                inner = null;
                run(true);
                return;
              }
              if (a.type === 'failure' && isSessionEnd(a.message)) http.notifyUnauthorized();
              apply(key, a);
            });
          },
          (err: unknown) => {
            // The hub's negotiate request answered 401: the session is over, back to sign-in.
            if (err instanceof HttpError && err.statusCode === 401) http.notifyUnauthorized();
            else if (!stopped) apply(key, { type: 'failure', message: streamFailureMessage(err) });
          },
        );
      };
      run(false);
    },
    [apply, open, http],
  );

  const last = turns[turns.length - 1];
  return {
    turns,
    conversationId,
    connection,
    busy: !!last && isActive(last),
    ask: (question) => {
      const q = question.trim();
      if (q) start(q);
    },
    stop: () => handle.current?.stop(),
    retry: () => {
      if (last && !isActive(last)) start(last.question, last);
    },
    edit: (question) => {
      const q = question.trim();
      if (q && last && !isActive(last)) start(q, last);
    },
    reset: (id = null, stored = []) => {
      handle.current?.stop();
      handle.current = null;
      setConversationId(id);
      setTurns(stored);
    },
    setFeedback: (turnKey, feedback) => setTurns((ts) => ts.map((t) => (t.key === turnKey ? { ...t, feedback } : t))),
  };
}
