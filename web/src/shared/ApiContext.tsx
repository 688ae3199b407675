import { createContext, useContext, type ReactNode } from 'react';
import type { Http } from './http';

const ApiContext = createContext<Http | null>(null);

export function ApiProvider({ http, children }: { http: Http; children: ReactNode }) {
  return <ApiContext.Provider value={http}>{children}</ApiContext.Provider>;
}

export function useHttp(): Http {
  const http = useContext(ApiContext);
  if (!http) throw new Error('useHttp outside <ApiProvider>');
  return http;
}
