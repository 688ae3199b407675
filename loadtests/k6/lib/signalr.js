import http from 'k6/http';
import { WebSocket } from 'k6/websockets';
import { setInterval, clearInterval } from 'k6/timers';

// A small ASP.NET Core SignalR client for k6/websockets: negotiate, WebSocket transport, the JSON hub protocol
// (handshake, 0x1E-terminated messages), streaming invocations with cancel, and keep-alive pings.
// https://github.com/dotnet/aspnetcore/blob/main/src/SignalR/docs/specs/HubProtocol.md

const RECORD_SEPARATOR = '\x1e';

export const MessageType = {
  Invocation: 1,
  StreamItem: 2,
  Completion: 3,
  StreamInvocation: 4,
  CancelInvocation: 5,
  Ping: 6,
  Close: 7,
};

/** Seconds between the client's pings; the server closes a connection it has not heard from for 30 s. */
const KEEP_ALIVE_MS = 15000;

/**
 * @typedef {{ next: (item: any) => void, complete: () => void, error: (message: string, kind: string) => void }} StreamObserver
 * @typedef {{
 *   onOpen: (hub: HubConnection) => void,
 *   onError?: (kind: string, message: string) => void,
 *   onInvocation?: (target: string, args: any[]) => void,
 * }} HubHandlers
 */

/**
 * Negotiates a connection to a hub and returns the WebSocket URL that carries its connection token.
 * @param {string} baseUrl
 * @param {string} hubPath e.g. /hubs/chat
 * @param {Record<string, string>} headers
 * @returns {{ url?: string, error?: string }}
 */
export function negotiate(baseUrl, hubPath, headers) {
  const res = http.post(`${baseUrl}${hubPath}/negotiate?negotiateVersion=1`, null, {
    headers,
    tags: { name: `${hubPath}/negotiate` },
  });
  if (res.status !== 200) {
    return { error: `negotiate answered ${res.status}` };
  }

  const body = /** @type {{ connectionToken?: string, connectionId?: string, availableTransports?: { transport: string }[] }} */ (res.json());
  if (!(body.availableTransports || []).some((t) => t.transport === 'WebSockets')) {
    return { error: 'the server does not offer WebSockets' };
  }

  const token = body.connectionToken || body.connectionId || '';
  return { url: `${baseUrl.replace(/^http/, 'ws')}${hubPath}?id=${encodeURIComponent(token)}` };
}

export class HubConnection {
  /**
   * Opens a hub connection (negotiate, WebSocket, handshake); `handlers.onOpen` runs once the handshake is done.
   * @param {string} baseUrl
   * @param {string} hubPath
   * @param {Record<string, string>} headers
   * @param {HubHandlers} handlers
   */
  constructor(baseUrl, hubPath, headers, handlers) {
    this.handlers = handlers;
    /** @type {Record<string, StreamObserver>} */
    this.streams = {};
    this.nextId = 1;
    this.buffer = '';
    this.handshakeDone = false;
    this.closed = false;
    /** @type {WebSocket | null} */
    this.ws = null;
    /** @type {number | null} */
    this.keepAlive = null;

    const negotiated = negotiate(baseUrl, hubPath, headers);
    if (!negotiated.url) {
      this.closed = true;
      this.fail('http', negotiated.error || 'negotiate failed');
      return;
    }

    const ws = new WebSocket(negotiated.url, null, { headers });
    this.ws = ws;
    ws.onopen = () => {
      ws.send(JSON.stringify({ protocol: 'json', version: 1 }) + RECORD_SEPARATOR);
    };
    ws.onmessage = (event) => this.receive(String(event && event.data));
    ws.onerror = (event) => this.fail('closed', String(event && event.error));
    ws.onclose = () => {
      this.stopKeepAlive();
      if (!this.handshakeDone) {
        this.fail('handshake', 'the connection closed before the handshake completed');
      }

      this.closed = true;
      const open = this.streams;
      this.streams = {};
      for (const id of Object.keys(open)) {
        open[id].error('the connection closed during the stream', 'closed');
      }
    };
  }

  /**
   * Starts a streaming invocation (type 4) and returns its id, for `cancel`.
   * @param {string} target
   * @param {any[]} args
   * @param {StreamObserver} observer
   */
  stream(target, args, observer) {
    const invocationId = String(this.nextId++);
    this.streams[invocationId] = observer;
    this.send({ type: MessageType.StreamInvocation, invocationId, target, arguments: args });
    return invocationId;
  }

  /**
   * Stops a stream (type 5): the server cancels the method; nothing more is delivered for it.
   * @param {string} invocationId
   */
  cancel(invocationId) {
    if (this.streams[invocationId]) {
      delete this.streams[invocationId];
      this.send({ type: MessageType.CancelInvocation, invocationId });
    }
  }

  close() {
    this.stopKeepAlive();
    this.streams = {};
    if (this.ws && !this.closed) {
      this.closed = true;
      this.ws.close();
    }
  }

  /** @param {object} message */
  send(message) {
    if (this.ws && !this.closed) {
      this.ws.send(JSON.stringify(message) + RECORD_SEPARATOR);
    }
  }

  /** @param {string} data */
  receive(data) {
    this.buffer += data;
    let end;
    while ((end = this.buffer.indexOf(RECORD_SEPARATOR)) >= 0) {
      const text = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 1);
      let message;
      try {
        message = JSON.parse(text);
      } catch (e) {
        this.fail('protocol', `not JSON: ${text.slice(0, 100)}`);
        continue;
      }

      if (!this.handshakeDone) {
        this.handshakeDone = true;
        if (message.error) {
          this.fail('handshake', message.error);
          this.close();
          return;
        }

        this.keepAlive = setInterval(() => this.send({ type: MessageType.Ping }), KEEP_ALIVE_MS);
        this.handlers.onOpen(this);
        continue;
      }

      this.dispatch(message);
    }
  }

  /** @param {{ type: number, invocationId?: string, item?: any, error?: string, target?: string, arguments?: any[] }} message */
  dispatch(message) {
    const observer = message.invocationId ? this.streams[message.invocationId] : undefined;
    switch (message.type) {
      case MessageType.StreamItem:
        if (observer) {
          observer.next(message.item);
        }
        break;
      case MessageType.Completion:
        if (observer && message.invocationId) {
          delete this.streams[message.invocationId];
          if (message.error) {
            observer.error(message.error, 'completion_error');
          } else {
            observer.complete();
          }
        }
        break;
      case MessageType.Invocation:
        if (this.handlers.onInvocation && message.target) {
          this.handlers.onInvocation(message.target, message.arguments || []);
        }
        break;
      case MessageType.Ping:
        break;
      case MessageType.Close:
        this.fail('closed', message.error || 'the server closed the connection');
        this.close();
        break;
      default:
        this.fail('protocol', `unknown message type ${message.type}`);
    }
  }

  /** @param {string} kind @param {string} message */
  fail(kind, message) {
    if (this.handlers.onError) {
      this.handlers.onError(kind, message);
    }
  }

  stopKeepAlive() {
    if (this.keepAlive !== null) {
      clearInterval(this.keepAlive);
      this.keepAlive = null;
    }
  }
}
