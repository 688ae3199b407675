import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { addSample } from './state.mjs';

// k6/http's synchronous API over fetch: each request is handed to a worker thread and this thread waits for it.
const worker = new Worker(new URL('./http-worker.mjs', import.meta.url));
worker.unref();
const { port1, port2 } = new MessageChannel();
const signal = new Int32Array(new SharedArrayBuffer(4));
worker.postMessage({ port: port2, signal }, [port2]);

/** Sends one request and blocks until its response (or, with sse, its whole event stream) is there. */
export function send(request) {
  Atomics.store(signal, 0, 0);
  worker.postMessage({ request });
  Atomics.wait(signal, 0, 0);
  const reply = receiveMessageOnPort(port1);
  if (!reply) {
    throw new Error('the HTTP worker answered nothing');
  }

  return reply.message;
}

function toResponse(request, raw) {
  const cookies = {};
  for (const line of raw.setCookies || []) {
    const [pair] = line.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    (cookies[name] ||= []).push({ name, value: pair.slice(eq + 1).trim() });
  }

  const failed = raw.status === 0 || raw.status >= 400;
  addSample('http_req_failed', 'rate', failed ? 1 : 0);
  addSample('http_req_duration', 'trend', raw.timings.duration);
  addSample('http_req_waiting', 'trend', raw.timings.waiting);
  if (request.tags && request.tags.name) {
    addSample(`http_req_waiting{name:${request.tags.name}}`, 'trend', raw.timings.waiting);
  }

  return {
    url: request.url,
    status: raw.status,
    body: raw.body,
    headers: raw.headers,
    cookies,
    error: raw.error,
    error_code: raw.status === 0 ? 1000 : 0,
    timings: { duration: raw.timings.duration, waiting: raw.timings.waiting },
    json(selector) {
      const value = JSON.parse(raw.body);
      return selector ? selector.split('.').reduce((v, k) => (v == null ? v : v[k]), value) : value;
    },
  };
}

export function request(method, url, body, params = {}) {
  const headers = { ...(params.headers || {}) };
  let payload = body ?? null;
  if (payload !== null && typeof payload === 'object' && !(payload instanceof ArrayBuffer)) {
    payload = new URLSearchParams(payload).toString();
    headers['Content-Type'] ||= 'application/x-www-form-urlencoded';
  }

  const req = { method, url, headers, body: payload, tags: params.tags };
  return toResponse(req, send(req));
}

export const get = (url, params) => request('GET', url, null, params);
export const post = (url, body, params) => request('POST', url, body, params);
export const put = (url, body, params) => request('PUT', url, body, params);
export const patch = (url, body, params) => request('PATCH', url, body, params);
export const del = (url, body, params) => request('DELETE', url, body, params);

export function file(data, filename, contentType) {
  return { data, filename, content_type: contentType };
}

export default { request, get, post, put, patch, del, file };
