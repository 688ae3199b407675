export interface Recorded {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

type Handler = (r: Recorded) => Response | Promise<Response>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

export function problem(status: number, detail?: string, headers: Record<string, string> = {}): Response {
  return json({ status, title: 'Error', ...(detail ? { detail } : {}) }, status, headers);
}

/**
 * A fetch answering from `routes` ("METHOD /path" → handler; the query string is ignored) and
 * recording every request. Unknown routes answer like the server's catch-all: 404.
 */
export function fakeFetch(routes: Record<string, Handler>) {
  const requests: Recorded[] = [];
  const impl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const method = (init?.method ?? 'GET').toUpperCase();
    const headers = { ...((init?.headers as Record<string, string>) ?? {}) };
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body;
    const r: Recorded = { method, url, headers, body };
    requests.push(r);
    const handler = routes[`${method} ${url.split('?')[0]}`];
    return handler ? handler(r) : problem(404, 'No such API endpoint.');
  };
  return { fetch: impl as typeof fetch, requests };
}
