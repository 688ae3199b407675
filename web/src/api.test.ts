import { describe, expect, it, vi } from 'vitest';
import { Api, ApiError, problemMessage } from './api';

function jsonResponse(status: number, body: unknown, contentType = 'application/json'): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}

describe('problemMessage', () => {
  it('prefers detail, then title, then the fallback', () => {
    expect(problemMessage({ title: 'Unauthorized', detail: 'Invalid email or password.' }, 'x')).toBe('Invalid email or password.');
    expect(problemMessage({ title: 'Bad Request', detail: '  ' }, 'x')).toBe('Bad Request');
    expect(problemMessage(null, 'fallback')).toBe('fallback');
  });
});

describe('Api', () => {
  it('posts credentials as JSON with same-origin cookies', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, { email: 'a@b.c' }));
    await new Api(fetchMock).login('a@b.c', 'secret');
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/auth/login');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(JSON.parse(init.body as string)).toEqual({ email: 'a@b.c', password: 'secret' });
  });

  it('throws an ApiError carrying the problem detail on 401', async () => {
    const api = new Api(async () =>
      jsonResponse(401, { title: 'Unauthorized', status: 401, detail: 'Invalid email or password.' }, 'application/problem+json'),
    );
    const err = await api.login('a@b.c', 'nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(401);
    expect((err as ApiError).message).toBe('Invalid email or password.');
  });

  it('falls back to a readable message when the error body is not JSON', async () => {
    const api = new Api(async () => new Response('<html>oops</html>', { status: 502 }));
    await expect(api.info()).rejects.toThrow(/HTTP 502/);
  });

  it('returns null from me() on 401 and the user on 200', async () => {
    expect(await new Api(async () => jsonResponse(401, { title: 'Unauthorized' })).me()).toBeNull();
    const me = { email: 'u@example.com', role: 'Reader', groups: ['hr'] };
    expect(await new Api(async () => jsonResponse(200, me)).me()).toEqual(me);
  });

  it('propagates non-401 errors from me()', async () => {
    await expect(new Api(async () => jsonResponse(500, { title: 'Server error' })).me()).rejects.toBeInstanceOf(ApiError);
  });

  it('accepts an empty 200/204 from logout', async () => {
    const fetchMock = vi.fn(async () => new Response(null, { status: 204 }));
    await expect(new Api(fetchMock).logout()).resolves.toBeUndefined();
    expect((fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1].method).toBe('POST');
  });
});
