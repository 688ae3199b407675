import { needsAntiforgery, readCookie, XsrfCookie, XsrfHeader } from './antiforgery';
import { ApiError, parseProblem, parseRetryAfter } from './problem';

type Fetch = typeof fetch;

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}

const TotalCountHeader = 'X-Total-Count';

export interface UploadHandle<T> {
  result: Promise<T>;
  abort(): void;
}

export interface HttpOptions {
  fetch?: Fetch;
  /** Creates the XMLHttpRequest used for uploads (a seam for tests). */
  xhr?: () => XMLHttpRequest;
  readCookies?: () => string;
}

/**
 * JSON over fetch with the app's conventions: same-origin cookies, the antiforgery header on every
 * state change, RFC 7807 errors as ApiError, and a 401 anywhere sends the user back to sign-in.
 */
export class Http {
  private readonly fetchImpl: Fetch;
  private readonly makeXhr: () => XMLHttpRequest;
  private readonly cookies: () => string;
  private unauthorizedListener: () => void = () => {};

  constructor(options: HttpOptions = {}) {
    // Wrapped so window.fetch is not called with a foreign `this`.
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.makeXhr = options.xhr ?? (() => new XMLHttpRequest());
    this.cookies = options.readCookies ?? (() => document.cookie);
  }

  /** Called on any 401 (the session expired or was revoked). */
  onUnauthorized(listener: () => void): void {
    this.unauthorizedListener = listener;
  }

  /** For 401s seen outside this client (the hub's negotiate request). */
  notifyUnauthorized(): void {
    this.unauthorizedListener();
  }

  private headersFor(method: string): Record<string, string> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (needsAntiforgery(method)) {
      const token = readCookie(XsrfCookie, this.cookies());
      if (token) headers[XsrfHeader] = token;
    }
    return headers;
  }

  async request<T>(
    method: string,
    url: string,
    body?: unknown,
    options: { quiet401?: boolean } = {},
    onResponse?: (res: Response) => void,
  ): Promise<T> {
    const text = await this.send(method, url, body, options, onResponse);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** The response body as text (an original document), with the same errors as JSON requests. */
  text(url: string): Promise<string> {
    return this.send('GET', url);
  }

  private async send(
    method: string,
    url: string,
    body?: unknown,
    options: { quiet401?: boolean } = {},
    onResponse?: (res: Response) => void,
  ): Promise<string> {
    const headers = this.headersFor(method);
    const init: RequestInit = { method, credentials: 'same-origin', headers };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let res: Response;
    try {
      res = await this.fetchImpl(url, init);
    } catch {
      throw new ApiError(0, null);
    }
    onResponse?.(res);
    const text = await res.text().catch(() => '');
    if (!res.ok) {
      if (res.status === 401 && !options.quiet401) this.unauthorizedListener();
      throw new ApiError(res.status, parseProblem(text), parseRetryAfter(res.headers.get('Retry-After')));
    }
    return text;
  }

  get<T>(url: string, options?: { quiet401?: boolean }): Promise<T> {
    return this.request<T>('GET', url, undefined, options);
  }

  /** One page of a list endpoint: its items, and the total from X-Total-Count (the item count when absent). */
  async getPage<T>(url: string): Promise<Page<T>> {
    let total: string | null = null;
    const items = await this.request<T[]>('GET', url, undefined, {}, (res) => {
      total = res.headers.get(TotalCountHeader);
    });
    const parsed = total === null ? Number.NaN : Number.parseInt(total, 10);
    return { items: items ?? [], total: Number.isFinite(parsed) ? parsed : (items ?? []).length };
  }
  post<T>(url: string, body?: unknown, options?: { quiet401?: boolean }): Promise<T> {
    return this.request<T>('POST', url, body, options);
  }
  put<T>(url: string, body?: unknown): Promise<T> {
    return this.request<T>('PUT', url, body);
  }
  patch<T>(url: string, body?: unknown): Promise<T> {
    return this.request<T>('PATCH', url, body);
  }
  delete<T = void>(url: string): Promise<T> {
    return this.request<T>('DELETE', url);
  }

  /** POSTs multipart form data with XMLHttpRequest, because only XHR reports upload progress. */
  upload<T>(url: string, form: FormData, onProgress: (p: UploadProgress) => void): UploadHandle<T> {
    const xhr = this.makeXhr();
    const result = new Promise<T>((resolve, reject) => {
      xhr.open('POST', url);
      xhr.withCredentials = true;
      for (const [name, value] of Object.entries(this.headersFor('POST'))) xhr.setRequestHeader(name, value);
      xhr.upload.onprogress = (e: ProgressEvent) => {
        if (e.lengthComputable) onProgress({ loaded: e.loaded, total: e.total });
      };
      xhr.onload = () => {
        const text = typeof xhr.responseText === 'string' ? xhr.responseText : '';
        if (xhr.status >= 200 && xhr.status < 300) {
          resolve((text ? JSON.parse(text) : undefined) as T);
          return;
        }
        if (xhr.status === 401) this.unauthorizedListener();
        reject(new ApiError(xhr.status, parseProblem(text), parseRetryAfter(xhr.getResponseHeader('Retry-After'))));
      };
      xhr.onerror = () => reject(new ApiError(0, null));
      xhr.onabort = () => reject(new ApiError(0, { detail: 'The upload was cancelled.' }));
      xhr.send(form);
    });
    return { result, abort: () => xhr.abort() };
  }
}
