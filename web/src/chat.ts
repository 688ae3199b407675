import {
  HubConnectionBuilder,
  HubConnectionState,
  LogLevel,
  type HubConnection,
  type IStreamResult,
} from '@microsoft/signalr';
import type { TurnAction } from './stream';
import type { AskRequest, ChatEvent } from './types';

/** The part of HubConnection that asking needs (lets tests use a fake). */
export interface StreamingConnection {
  stream<T = unknown>(methodName: string, ...args: unknown[]): IStreamResult<T>;
}

export interface AskHandle {
  /** Cancels the server stream (subscription.dispose()) and reports a 'stop' action. */
  stop(): void;
  readonly finished: boolean;
}

const KNOWN_TYPES = new Set(['retrieval', 'token', 'done', 'error']);

function isChatEvent(value: unknown): value is ChatEvent {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string' &&
    KNOWN_TYPES.has((value as { type: string }).type)
  );
}

export function errorMessage(err: unknown, fallback = 'Connection to the server failed.'): string {
  if (err instanceof Error && err.message) return err.message;
  if (typeof err === 'string' && err) return err;
  return fallback;
}

/**
 * Starts the hub stream `Ask` and forwards everything that happens as
 * TurnActions. Exactly one terminal action is reported: the server's
 * done/error event, 'complete', 'failure' or 'stop'.
 */
export function ask(conn: StreamingConnection, request: AskRequest, onAction: (a: TurnAction) => void): AskHandle {
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
      error: (err) => finish({ type: 'failure', message: errorMessage(err) }),
    });
  } catch (err) {
    finish({ type: 'failure', message: errorMessage(err) });
  }

  return {
    stop(): void {
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

export type ConnectionStatus = 'connected' | 'reconnecting' | 'disconnected';

/** Owns the SignalR connection to /hubs/chat; starts it lazily. */
export class ChatClient {
  private connection: HubConnection | null = null;
  private starting: Promise<void> | null = null;

  constructor(private readonly onStatus: (s: ConnectionStatus) => void = () => {}) {}

  private build(): HubConnection {
    const connection = new HubConnectionBuilder()
      .withUrl('/hubs/chat')
      .withAutomaticReconnect()
      .configureLogging(LogLevel.Warning)
      .build();
    connection.onreconnecting(() => this.onStatus('reconnecting'));
    connection.onreconnected(() => this.onStatus('connected'));
    connection.onclose(() => this.onStatus('disconnected'));
    return connection;
  }

  /** Returns a started connection, starting (or waiting for) it if needed. */
  async connect(): Promise<HubConnection> {
    const connection = (this.connection ??= this.build());
    switch (connection.state) {
      case HubConnectionState.Connected:
        return connection;
      case HubConnectionState.Reconnecting:
        throw new Error('The connection was lost and is reconnecting. Please try again in a moment.');
      default:
        break;
    }
    if (!this.starting) {
      this.starting = connection
        .start()
        .then(() => this.onStatus('connected'))
        .finally(() => {
          this.starting = null;
        });
    }
    await this.starting;
    return connection;
  }

  async disconnect(): Promise<void> {
    const connection = this.connection;
    this.connection = null;
    this.starting = null;
    if (connection) await connection.stop().catch(() => undefined);
  }
}

/** A random id for this page session's conversation (works outside secure contexts too). */
export function newConversationId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(b);
  else for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
