import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpError } from '@microsoft/signalr';
import { describe, expect, it } from 'vitest';
import { memoryLocation } from 'wouter/memory-location';
import { Router } from 'wouter';
import { App } from './App';
import { ApiProvider } from './shared/ApiContext';
import { Http } from './shared/http';
import { FakeConnection } from './testing/fakeConnection';
import { fakeFetch, json, problem } from './testing/fakeFetch';
import { SessionProvider } from './auth/SessionContext';

const employee = { email: 'e@x', role: 'Employee', groups: ['staff'] };

function renderApp(routes: Parameters<typeof fakeFetch>[0], path = '/', connect?: () => Promise<FakeConnection>) {
  const api = fakeFetch(routes);
  const http = new Http({ fetch: api.fetch, readCookies: () => 'XSRF-TOKEN=t' });
  const conn = new FakeConnection();
  render(
    <ApiProvider http={http}>
      <SessionProvider>
        <Router hook={memoryLocation({ path }).hook}>
          <App connectChat={connect ?? (() => Promise.resolve(conn))} />
        </Router>
      </SessionProvider>
    </ApiProvider>,
  );
  return { api, http, user: userEvent.setup() };
}

async function signIn(user: ReturnType<typeof userEvent.setup>, password = 'pw') {
  await user.type(await screen.findByLabelText('Email'), 'e@x');
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('App: sign-in and routing', () => {
  it('shows the lockout detail of a 423', async () => {
    const { user } = renderApp({
      'GET /api/auth/me': () => problem(401),
      'POST /api/auth/login': () => problem(423, 'This account is locked until 10:45 UTC after 5 failed attempts.'),
    });
    await signIn(user);
    expect((await screen.findByRole('alert')).textContent).toBe('This account is locked until 10:45 UTC after 5 failed attempts.');
    expect(screen.getByLabelText('Password')).toHaveProperty('value', '');
  });

  it('shows the reason for wrong credentials', async () => {
    const { user } = renderApp({ 'GET /api/auth/me': () => problem(401), 'POST /api/auth/login': () => problem(401, 'The email or password is wrong.') });
    await signIn(user);
    expect((await screen.findByRole('alert')).textContent).toBe('The email or password is wrong.');
  });

  it('offers the single sign-on provider when the server has one', async () => {
    renderApp({
      'GET /api/auth/me': () => problem(401),
      'GET /api/auth/providers': () => json({ password: true, oidc: { displayName: 'Contoso ID', loginUrl: '/api/auth/oidc/login' } }),
    });
    const link = await screen.findByRole('link', { name: 'Sign in with Contoso ID' });
    expect(link.getAttribute('href')).toBe('/api/auth/oidc/login');
  });

  it('signs in, shows the extractive badge, and returns to sign-in when a later request answers 401', async () => {
    let signedIn = false;
    const { api, user } = renderApp({
      'GET /api/auth/me': () => (signedIn ? json(employee) : problem(401)),
      'POST /api/auth/login': (r) => {
        signedIn = true;
        return json({ ...employee, email: (r.body as { email: string }).email });
      },
      'GET /api/info': () => json({ answerMode: 'extractive', model: 'extractive', embeddingModel: 'minilm', documents: 6 }),
      'GET /api/conversations': () => problem(401),
    });
    await signIn(user);
    expect(api.requests.find((r) => r.url === '/api/auth/login')?.body).toEqual({ email: 'e@x', password: 'pw' });
    // The conversations request answered 401: the session is over.
    expect(await screen.findByText('Your session ended. Please sign in again.')).toBeTruthy();
    expect(screen.getByLabelText('Email')).toBeTruthy();
  });

  it('shows the chat with the mode badge and keeps employees out of the admin screens', async () => {
    renderApp(
      {
        'GET /api/auth/me': () => json(employee),
        'GET /api/info': () => json({ answerMode: 'extractive', model: 'extractive', documents: 6 }),
      },
      '/admin/documents',
    );
    expect(await screen.findByText('Only administrators can open this page.')).toBeTruthy();
    await waitFor(() => expect(document.querySelector('.mode-badge')?.textContent).toBe('Offline extractive mode'));
    expect(screen.queryByRole('link', { name: 'Admin' })).toBeNull();
  });

  it('returns to sign-in when the chat hub refuses the session (401 on negotiate)', async () => {
    const { user } = renderApp({ 'GET /api/auth/me': () => json(employee) }, '/', () => Promise.reject(new HttpError('Unauthorized', 401)));
    await user.type(await screen.findByLabelText('Ask a question'), 'q{Enter}');
    expect(await screen.findByText('Your session ended. Please sign in again.')).toBeTruthy();
  });

  it('shows the admin tabs to an admin', async () => {
    renderApp(
      {
        'GET /api/auth/me': () => json({ ...employee, role: 'Admin' }),
        'GET /api/documents': () => json([]),
      },
      '/admin',
    );
    expect(await screen.findByRole('navigation', { name: 'Admin' })).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Upload documents' })).toBeTruthy();
    expect(await screen.findByText('No documents yet. Upload some above.')).toBeTruthy();
  });
});
