import NodeWebSocket from 'ws';
import { guard, hold } from './state.mjs';

// k6/websockets (the browser-like API) on the ws package; an open socket is work the iteration waits for.
export class WebSocket {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSING = 2;
  static CLOSED = 3;

  constructor(url, protocols, params) {
    this.url = url;
    this.onopen = null;
    this.onmessage = null;
    this.onclose = null;
    this.onerror = null;
    this.listeners = { open: [], message: [], close: [], error: [] };
    const release = hold();
    this.socket = new NodeWebSocket(url, { headers: params?.headers || {} });
    this.socket.on('open', () => this.emit('open', {}));
    this.socket.on('message', (data, isBinary) => this.emit('message', { data: isBinary ? data : data.toString('utf8') }));
    this.socket.on('error', (error) => this.emit('error', { error: String(error) }));
    this.socket.on('close', () => {
      this.emit('close', {});
      release();
    });
  }

  get readyState() {
    return this.socket.readyState;
  }

  addEventListener(name, fn) {
    (this.listeners[name] ||= []).push(fn);
  }

  emit(name, event) {
    const handler = this[`on${name}`];
    if (typeof handler === 'function') {
      guard(handler, event);
    }

    for (const fn of this.listeners[name] || []) {
      guard(fn, event);
    }
  }

  send(data) {
    this.socket.send(data);
  }

  ping() {
    this.socket.ping();
  }

  close(code, reason) {
    this.socket.close(code, reason);
  }
}

export default { WebSocket };
