import type { IStreamResult } from '@microsoft/signalr';
import { errorText } from '../shared/problem';
import type { TurnAction } from './turn';
import type { AskRequest, ChatEvent } from './types';

/** The part of a HubConnection that asking needs (tests pass a fake). */
export interface StreamingConnection {
  stream<T = unknown>(methodName: string, ...args: unknown[]): IStreamResult<T>;
}

export interface AskHandle {
  /** Disposes the subscription (the server cancels the model call) and reports 'stop'. */
  stop(): void;
  readonly finished: boolean;
}

const EventTypes = new Set(['retrieval', 'citations', 'token', 'notice', 'guardrail', 'done', 'error']);

function isChatEvent(value: unknown): value is ChatEvent {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && EventTypes.has(type);
}

/** A hub error ("An unexpected error occurred invoking 'Ask'…") reworded for a reader. */
export function streamFailureMessage(err: unknown): string {
  const raw = errorText(err, 'The connection to the server failed.');
  const hubPrefix = /^An unexpected error occurred invoking 'Ask' on the server\.\s*(HubException:\s*)?/;
  const cleaned = raw.replace(hubPrefix, '').trim();
  return cleaned || 'The server could not answer. Please try again.';
}

/**
 * Starts the hub stream `Ask` and reports everything as TurnActions. Exactly one terminal action
 * is reported: the server's done/error event, 'complete', 'failure' or 'stop'.
 */
export function askStream(conn: StreamingConnection, request: AskRequest, onAction: (a: TurnAction) => void): AskHandle {
  let finished = false;
  let subscription: { dispose(): void } | null = null;

  const finish = (a: TurnAction): void => {
    if (finished) return;
    finished = true;
    onAction(a);
  };

  try {
    subscription = conn.stream<unknown>('Ask', request).subscribe({
      next: (item) => {
        if (finished || !isChatEvent(item)) return;
        if (item.type === 'done' || item.type === 'error') finish(item);
        else onAction(item);
      },
      complete: () => finish({ type: 'complete' }),
      error: (err) => finish({ type: 'failure', message: streamFailureMessage(err) }),
    });
  } catch (err) {
    finish({ type: 'failure', message: streamFailureMessage(err) });
  }

  return {
    stop() {
      if (finished) return;
      try {
        subscription?.dispose();
      } finally {
        finish({ type: 'stop' });
      }
    },
    get finished() {
      return finished;
    },
  };
}
