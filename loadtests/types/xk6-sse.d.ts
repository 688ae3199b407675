// Types of the xk6-sse extension's module (k6 built with `xk6 build --with github.com/phymbert/xk6-sse`),
// which @types/k6 does not include.
declare module 'k6/x/sse' {
  export interface SseParams {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    tags?: Record<string, string>;
  }

  export interface SseEvent {
    id: string;
    name: string;
    data: string;
  }

  export interface SseError {
    error(): string;
  }

  export interface SseClient {
    on(event: 'open', callback: () => void): void;
    on(event: 'event', callback: (event: SseEvent) => void): void;
    on(event: 'error', callback: (error: SseError) => void): void;
    close(): void;
  }

  export interface SseResponse {
    status: number;
    headers: Record<string, string>;
    error?: string;
  }

  const sse: {
    open(url: string, params: SseParams | null, callback: (client: SseClient) => void): SseResponse;
  };
  export default sse;
}
