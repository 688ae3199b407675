import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { SessionProvider } from '../auth/SessionContext';
import { ChatPage } from '../chat/ChatPage';
import type { Citation } from '../chat/types';
import type { Connect } from '../chat/useChat';
import { ApiProvider } from '../shared/ApiContext';
import { Http } from '../shared/http';
import { FakeConnection } from './fakeConnection';
import { fakeFetch, json } from './fakeFetch';

/** The chat page in a memory router, signed in as an employee, with a fake hub and a fake server. */

export const benefits: Citation = {
  number: 1,
  documentId: 'd1',
  title: 'Benefits Guide 2025',
  sourceName: 'benefits-guide.pdf',
  startPage: 3,
  endPage: 3,
  snippet: 'The FlexFit allowance is 600 EUR per year.',
};

export const done = (extra: object = {}) => ({
  type: 'done',
  mode: 'extractive',
  model: 'extractive',
  latencyMs: 42,
  cacheHit: false,
  usage: { inputTokens: 0, outputTokens: 0 },
  cost: 0,
  citedNumbers: [1],
  ...extra,
});

export const employee = { email: 'e@x', role: 'Employee', groups: ['staff'] };

export function setup(routes: Parameters<typeof fakeFetch>[0] = {}, options: { path?: string; connect?: Connect } = {}) {
  const conn = new FakeConnection();
  const api = fakeFetch({ 'GET /api/auth/me': () => json(employee), ...routes });
  const http = new Http({ fetch: api.fetch, readCookies: () => 'XSRF-TOKEN=t' });
  const location = memoryLocation({ path: options.path ?? '/', record: true });
  render(
    <ApiProvider http={http}>
      <SessionProvider>
        <Router hook={location.hook}>
          <ChatPage connect={options.connect ?? (() => Promise.resolve(conn))} />
        </Router>
      </SessionProvider>
    </ApiProvider>,
  );
  return { conn, api, location, user: userEvent.setup() };
}

export async function ask(user: ReturnType<typeof userEvent.setup>, conn: FakeConnection, question: string) {
  const calls = conn.calls.length;
  await user.type(screen.getByLabelText('Ask a question'), `${question}{Enter}`);
  await waitFor(() => expect(conn.calls).toHaveLength(calls + 1));
}


export const emit = (conn: FakeConnection, item: unknown) => act(() => conn.emit(item));
