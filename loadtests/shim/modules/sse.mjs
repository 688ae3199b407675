import { send } from './http.mjs';
import { addSample, guard } from './state.mjs';

// The xk6-sse extension's API (k6/x/sse). sse.open is synchronous in k6 too: it returns when the stream ends.
// Here the stream is read to its end on the HTTP worker, then its events are handed to the callbacks in order
// (so times measured inside the callbacks are not the stream's own).
export function open(url, params, callback) {
  const handlers = { open: [], event: [], error: [] };
  let closed = false;
  const client = {
    on(name, fn) {
      (handlers[name] ||= []).push(fn);
    },
    close() {
      closed = true;
    },
  };
  guard(callback, client);
  const raw = send({ method: params?.method || 'GET', url, headers: params?.headers || {}, body: params?.body ?? null, sse: true });
  addSample('http_req_failed', 'rate', raw.status === 0 || raw.status >= 400 ? 1 : 0);
  if (raw.status === 0) {
    handlers.error.forEach((fn) => guard(fn, { error: () => raw.error }));
    return { status: 0, headers: {}, error: raw.error };
  }

  handlers.open.forEach((fn) => guard(fn));
  for (const event of raw.events) {
    if (closed) {
      break;
    }

    handlers.event.forEach((fn) => guard(fn, event));
  }

  return { status: raw.status, headers: raw.headers };
}

export default { open };
