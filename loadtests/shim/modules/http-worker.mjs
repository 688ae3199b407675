// Runs the shim's HTTP requests on a worker thread, so that k6's synchronous http.* calls can block the main
// thread (Atomics.wait) while fetch runs here. Server-sent event streams are read to their end and returned as
// their events.
import { parentPort } from 'node:worker_threads';

let port;
let signal;

parentPort.on('message', async (message) => {
  if (message.port) {
    ({ port, signal } = message);
    return;
  }

  let result;
  try {
    result = await perform(message.request);
  } catch (e) {
    result = { status: 0, error: String(e && e.cause ? e.cause : e), headers: {}, setCookies: [], body: '', events: [], timings: { duration: 0, waiting: 0 } };
  }

  port.postMessage(result);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});

async function perform(request) {
  const started = performance.now();
  const res = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body ?? undefined, redirect: 'follow' });
  const waiting = performance.now() - started;
  const headers = {};
  res.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const events = [];
  let body = '';
  if (request.sse && res.ok && (res.headers.get('content-type') || '').startsWith('text/event-stream')) {
    body = await readEvents(res, events);
  } else {
    body = await res.text();
  }

  return { status: res.status, headers, setCookies: res.headers.getSetCookie(), body, events, error: '', timings: { duration: performance.now() - started, waiting } };
}

/** Reads an SSE stream, parsing each event (event name, data, id) as it arrives. */
async function readEvents(res, events) {
  const decoder = new TextDecoder();
  let text = '';
  let buffer = '';
  for await (const chunk of res.body) {
    const part = decoder.decode(chunk, { stream: true });
    text += part;
    buffer += part.replace(/\r\n/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = { id: '', name: 'message', data: '' };
      const data = [];
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event.name = value;
        else if (field === 'data') data.push(value);
        else if (field === 'id') event.id = value;
      }

      if (data.length > 0) {
        event.data = data.join('\n');
        events.push(event);
      }
    }
  }

  return text;
}
