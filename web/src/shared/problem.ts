/** RFC 7807 problem details (the subset the UI reads). */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
}

/** The message to show for a problem-details body: detail, else title, else fallback. */
export function problemMessage(problem: ProblemDetails | null | undefined, fallback: string): string {
  const detail = typeof problem?.detail === 'string' ? problem.detail.trim() : '';
  if (detail) return detail;
  const title = typeof problem?.title === 'string' ? problem.title.trim() : '';
  return title || fallback;
}

export function defaultMessage(status: number): string {
  if (status === 401) return 'You are not signed in.';
  if (status === 403) return 'You do not have access.';
  if (status === 404) return 'Not found.';
  if (status === 429) return 'Too many requests. Please wait a moment.';
  if (status >= 500) return `The server had a problem (HTTP ${status}). Please try again.`;
  if (status === 0) return 'The server could not be reached. Check your connection.';
  return `Request failed (HTTP ${status}).`;
}

/** An HTTP error carrying the server's problem details (if any). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails | null;
  /** Seconds from a Retry-After header (429/503), when the server sent one. */
  readonly retryAfterSeconds: number | null;

  constructor(status: number, problem: ProblemDetails | null, retryAfterSeconds: number | null = null) {
    super(problemMessage(problem, defaultMessage(status)));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /**
   * The endpoint does not exist on this server (yet): the UI hides the feature. A 404 about a
   * missing record carries a detail naming it; an unknown route has none, or the catch-all's.
   */
  get isUnavailable(): boolean {
    if (this.status === 405 || this.status === 501) return true;
    if (this.status !== 404) return false;
    const detail = this.problem?.detail?.trim() ?? '';
    return detail === '' || /no such api endpoint/i.test(detail);
  }
}

export function parseProblem(text: string): ProblemDetails | null {
  if (!text) return null;
  try {
    const body: unknown = JSON.parse(text);
    return body && typeof body === 'object' ? (body as ProblemDetails) : null;
  } catch {
    return null;
  }
}

/** Retry-After as seconds: delta-seconds or an HTTP date (relative to `now`). */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number.parseInt(trimmed, 10);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

export function errorText(err: unknown, fallback = 'Something went wrong.'): string {
  if (err instanceof Error && err.message) return err.message;
  if (typeof err === 'string' && err) return err;
  return fallback;
}
