import { describe, expect, it, vi } from 'vitest';
import { fakeFetch, json, problem } from '../testing/fakeFetch';
import { Http } from './http';
import { ApiError, parseRetryAfter } from './problem';

const cookies = () => 'theme=dark; XSRF-TOKEN=tok%2Ben; other=1';

describe('Http', () => {
  it('sends the X-XSRF-TOKEN header (decoded cookie value) on POST, PUT, PATCH and DELETE, not on GET', async () => {
    const f = fakeFetch({
      'GET /api/x': () => json({}),
      'POST /api/x': () => json({}),
      'PUT /api/x': () => json({}),
      'PATCH /api/x': () => json({}),
      'DELETE /api/x': () => new Response(null, { status: 204 }),
    });
    const http = new Http({ fetch: f.fetch, readCookies: cookies });
    await http.get('/api/x');
    await http.post('/api/x', { a: 1 });
    await http.put('/api/x', {});
    await http.patch('/api/x', {});
    await http.delete('/api/x');
    expect(f.requests.map((r) => [r.method, r.headers['X-XSRF-TOKEN']])).toEqual([
      ['GET', undefined],
      ['POST', 'tok+en'],
      ['PUT', 'tok+en'],
      ['PATCH', 'tok+en'],
      ['DELETE', 'tok+en'],
    ]);
    expect(f.requests[1]?.body).toEqual({ a: 1 });
  });

  it('sends no token header when the cookie is missing', async () => {
    const f = fakeFetch({ 'POST /api/x': () => json({}) });
    await new Http({ fetch: f.fetch, readCookies: () => '' }).post('/api/x');
    expect(f.requests[0]?.headers).not.toHaveProperty('X-XSRF-TOKEN');
  });

  it('calls the unauthorized listener on a 401, except where 401 is the expected answer', async () => {
    const f = fakeFetch({ 'GET /api/x': () => problem(401), 'GET /api/auth/me': () => problem(401) });
    const http = new Http({ fetch: f.fetch, readCookies: cookies });
    const listener = vi.fn();
    http.onUnauthorized(listener);
    await expect(http.get('/api/x')).rejects.toMatchObject({ status: 401 });
    expect(listener).toHaveBeenCalledTimes(1);
    await expect(http.get('/api/auth/me', { quiet401: true })).rejects.toBeInstanceOf(ApiError);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('surfaces the problem detail, the status and Retry-After', async () => {
    const f = fakeFetch({ 'POST /api/ask': () => problem(429, 'Slow down: 3 questions a minute.', { 'Retry-After': '17' }) });
    const err = await new Http({ fetch: f.fetch, readCookies: cookies }).post('/api/ask', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 429, message: 'Slow down: 3 questions a minute.', retryAfterSeconds: 17 });
  });

  it('falls back to a status message when the body is not problem details, and reports network failure', async () => {
    const f = fakeFetch({ 'GET /api/x': () => new Response('<html>', { status: 502 }) });
    const http = new Http({ fetch: f.fetch, readCookies: cookies });
    await expect(http.get('/api/x')).rejects.toThrow('The server had a problem (HTTP 502). Please try again.');
    const down = new Http({ fetch: () => Promise.reject(new TypeError('Failed to fetch')), readCookies: cookies });
    await expect(down.get('/api/x')).rejects.toThrow('The server could not be reached. Check your connection.');
  });

  it('treats an unknown route as unavailable, but not a missing record', () => {
    expect(new ApiError(404, { detail: 'No such API endpoint.' }).isUnavailable).toBe(true);
    expect(new ApiError(404, null).isUnavailable).toBe(true);
    expect(new ApiError(405, null).isUnavailable).toBe(true);
    expect(new ApiError(404, { detail: 'There is no document 42.' }).isUnavailable).toBe(false);
  });

  it('uploads with XMLHttpRequest: token header, progress, parsed result', async () => {
    const xhr = new FakeXhr();
    const http = new Http({ xhr: () => xhr as unknown as XMLHttpRequest, readCookies: cookies });
    const progress: number[] = [];
    const form = new FormData();
    const handle = http.upload<unknown>('/api/documents', form, (p) => progress.push(p.loaded / p.total));
    expect(xhr.opened).toEqual(['POST', '/api/documents']);
    expect(xhr.headers['X-XSRF-TOKEN']).toBe('tok+en');
    expect(xhr.sent).toBe(form);
    xhr.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 } as ProgressEvent);
    xhr.respond(202, JSON.stringify([{ fileName: 'a.pdf', outcome: 'queued' }]));
    await expect(handle.result).resolves.toEqual([{ fileName: 'a.pdf', outcome: 'queued' }]);
    expect(progress).toEqual([0.5]);
  });

  it('rejects an upload with the problem detail and signals 401', async () => {
    const xhr = new FakeXhr();
    const http = new Http({ xhr: () => xhr as unknown as XMLHttpRequest, readCookies: cookies });
    const listener = vi.fn();
    http.onUnauthorized(listener);
    const handle = http.upload('/api/documents', new FormData(), () => {});
    xhr.respond(415, JSON.stringify({ detail: 'This file type is not supported.' }));
    await expect(handle.result).rejects.toThrow('This file type is not supported.');
    const second = new FakeXhr();
    const h2 = new Http({ xhr: () => second as unknown as XMLHttpRequest, readCookies: cookies });
    h2.onUnauthorized(listener);
    const r2 = h2.upload('/api/documents', new FormData(), () => {}).result.catch(() => undefined);
    second.respond(401, '');
    await r2;
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:30 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(30);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

class FakeXhr {
  opened: string[] = [];
  headers: Record<string, string> = {};
  sent: unknown = null;
  status = 0;
  responseText = '';
  withCredentials = false;
  upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.opened = [method, url];
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getResponseHeader() {
    return null;
  }
  send(body: unknown) {
    this.sent = body;
  }
  abort() {
    this.onabort?.();
  }
  respond(status: number, text: string) {
    this.status = status;
    this.responseText = text;
    this.onload?.();
  }
}
