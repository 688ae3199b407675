import type { Info, Me, ProblemDetails } from './types';

/** An HTTP error carrying the server's problem details (if any). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails | null;

  constructor(status: number, problem: ProblemDetails | null, fallback: string) {
    super(problemMessage(problem, fallback));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

/** The message to show for a problem-details body: detail, else title, else fallback. */
export function problemMessage(problem: ProblemDetails | null | undefined, fallback: string): string {
  const detail = typeof problem?.detail === 'string' ? problem.detail.trim() : '';
  if (detail) return detail;
  const title = typeof problem?.title === 'string' ? problem.title.trim() : '';
  return title || fallback;
}

type Fetch = typeof fetch;

async function readProblem(res: Response): Promise<ProblemDetails | null> {
  try {
    const text = await res.text();
    if (!text) return null;
    const body: unknown = JSON.parse(text);
    return body && typeof body === 'object' ? (body as ProblemDetails) : null;
  } catch {
    return null;
  }
}

function defaultMessage(status: number): string {
  if (status === 401) return 'You are not signed in.';
  if (status === 403) return 'You do not have access.';
  if (status >= 500) return `The server had a problem (HTTP ${status}). Please try again.`;
  return `Request failed (HTTP ${status}).`;
}

export class Api {
  private readonly fetchImpl: Fetch;

  constructor(fetchImpl?: Fetch) {
    // Bind so `this` is not lost when calling window.fetch indirectly.
    this.fetchImpl = fetchImpl ?? ((input, init) => fetch(input, init));
  }

  private async request<T>(method: string, url: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const init: RequestInit = { method, credentials: 'same-origin', headers };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const res = await this.fetchImpl(url, init);
    if (!res.ok) {
      throw new ApiError(res.status, await readProblem(res), defaultMessage(res.status));
    }
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Current user, or null when not signed in (401). */
  async me(): Promise<Me | null> {
    try {
      return await this.request<Me>('GET', '/api/auth/me');
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  }

  /** Signs in (sets the auth cookie). Throws ApiError with the problem `detail` on 400/401. */
  async login(email: string, password: string): Promise<void> {
    await this.request<unknown>('POST', '/api/auth/login', { email, password });
  }

  async logout(): Promise<void> {
    await this.request<unknown>('POST', '/api/auth/logout');
  }

  info(): Promise<Info> {
    return this.request<Info>('GET', '/api/info');
  }
}
