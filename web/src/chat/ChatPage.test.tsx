import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { FakeConnection } from '../testing/fakeConnection';
import { json } from '../testing/fakeFetch';
import { ask, benefits, done, emit, setup } from '../testing/chatHarness';

const AccessChanged = "An unexpected error occurred invoking 'Ask' on the server. HubException: Your access has changed; reconnect to continue.";


describe('ChatPage', () => {
  it('sends on Enter, not on Shift+Enter', async () => {
    const { conn, user } = setup();
    const box = screen.getByLabelText('Ask a question');
    await user.type(box, 'line one{Shift>}{Enter}{/Shift}line two');
    expect(conn.calls).toHaveLength(0);
    expect(box).toHaveProperty('value', 'line one\nline two');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(conn.calls).toHaveLength(1));
    expect(conn.calls[0]?.args[0]).toEqual({ question: 'line one\nline two', conversationId: null });
  });

  it('shows the sources at retrieval before any token, links only known [n], and a click opens the source panel', async () => {
    const { conn, user } = setup();
    await ask(user, conn, 'How much is the FlexFit allowance?');
    emit(conn, { type: 'retrieval', citations: [benefits] });

    const citations = document.getElementById('citations')!;
    expect(citations.textContent).toContain('Benefits Guide 2025');
    expect(citations.textContent).toContain('p. 3');
    expect(document.getElementById('answer')!.textContent).toBe('');

    emit(conn, { type: 'token', text: 'It is **600 EUR** a year [1]; see [4].' });
    const answer = document.getElementById('answer')!;
    expect(answer.querySelector('strong')?.textContent).toBe('600 EUR');
    expect(within(answer).getAllByRole('button').map((b) => b.textContent)).toEqual(['[1]']);
    expect(answer.textContent).toContain('[4]');

    await user.click(within(answer).getByRole('button', { name: 'Source 1' }));
    const panel = screen.getByRole('complementary', { name: 'Benefits Guide 2025' });
    expect(panel.textContent).toContain('The FlexFit allowance is 600 EUR per year.');
    expect(panel.textContent).toContain('p. 3');
    expect(within(panel).getByRole('link', { name: 'Open at page 3' }).getAttribute('href')).toBe('/api/documents/d1/content#page=3');

    await user.click(within(panel).getByRole('button', { name: 'Close source' }));
    expect(screen.queryByRole('complementary')).toBeNull();
  });

  it('shows notices, and Stop disposes the stream and ends the turn', async () => {
    const { conn, user } = setup();
    await ask(user, conn, 'q');
    emit(conn, { type: 'retrieval', citations: [] });
    emit(conn, { type: 'notice', message: 'The model is slow; switched to the fallback.' });
    emit(conn, { type: 'token', text: 'Partial' });
    expect(screen.getByText('The model is slow; switched to the fallback.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Regenerate' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    expect(conn.disposed).toBe(1);
    expect(screen.getByText('Stopped.')).toBeTruthy();
    // Stop shows only while answering; Regenerate takes its place.
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Regenerate' })).toBeTruthy();
    emit(conn, { type: 'token', text: ' late' });
    expect(document.getElementById('answer')!.textContent?.trim()).toBe('Partial');
  });

  it('shows an error event with Retry, which asks the same question again', async () => {
    const { conn, user } = setup();
    await ask(user, conn, 'What is the refund policy?');
    emit(conn, { type: 'error', message: 'Your daily token budget is spent. It renews at midnight UTC.' });
    expect(screen.getByRole('alert').textContent).toContain('Your daily token budget is spent.');
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(conn.calls).toHaveLength(2));
    expect(conn.calls[1]?.args[0]).toMatchObject({ question: 'What is the refund policy?' });
  });

  it('waits out a rate limit before Retry is enabled', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const { conn, user } = setup();
      await ask(user, conn, 'q');
      emit(conn, { type: 'error', message: 'Too many questions. Try again in 2 s.' });
      const retry = screen.getByRole('button', { name: 'Retry in 2 s' });
      expect(retry).toHaveProperty('disabled', true);
      await act(() => vi.advanceTimersByTimeAsync(1000));
      expect(screen.getByRole('button', { name: 'Retry in 1 s' })).toHaveProperty('disabled', true);
      await act(() => vi.advanceTimersByTimeAsync(1000));
      expect(screen.getByRole('button', { name: 'Retry' })).toHaveProperty('disabled', false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows a hub disconnect during the answer as an error', async () => {
    const { conn, user } = setup();
    await ask(user, conn, 'q');
    act(() => conn.subscriber?.error(new Error('Invocation canceled due to the underlying connection being closed.')));
    expect(screen.getByRole('alert').textContent).toContain('connection being closed');
  });

  it('sends the follow-up in the conversation from done, and rates the answer with a comment', async () => {
    const { conn, api, user } = setup({ 'PUT /api/messages/m1/feedback': () => new Response(null, { status: 204 }) });
    await ask(user, conn, 'first');
    emit(conn, { type: 'retrieval', citations: [benefits] });
    emit(conn, { type: 'token', text: 'Answer [1].' });
    emit(conn, done({ conversationId: 'c9', messageId: 'm1' }));

    await user.click(screen.getByRole('button', { name: 'Helpful' }));
    await waitFor(() => expect(api.requests.some((r) => r.method === 'PUT')).toBe(true));
    const put = api.requests.find((r) => r.method === 'PUT')!;
    expect(put.body).toEqual({ rating: 'up', comment: null });
    expect(put.headers['X-XSRF-TOKEN']).toBe('t');
    await user.type(await screen.findByLabelText('Comment (optional)'), 'Spot on');
    await user.click(screen.getByRole('button', { name: 'Send comment' }));
    await waitFor(() => expect(api.requests.filter((r) => r.method === 'PUT').at(-1)?.body).toEqual({ rating: 'up', comment: 'Spot on' }));

    await ask(user, conn, 'and for part-timers?');
    expect(conn.calls[1]?.args[0]).toEqual({ question: 'and for part-timers?', conversationId: 'c9' });
  });

  it('reconnects and asks again once when the server says access changed, without showing an error', async () => {
    const first = new FakeConnection();
    const second = new FakeConnection();
    const connects: (boolean | undefined)[] = [];
    const { user } = setup({}, { connect: (fresh) => (connects.push(fresh), Promise.resolve(connects.length === 1 ? first : second)) });
    await ask(user, first, 'How much is the FlexFit allowance?');

    act(() => first.subscriber?.error(new Error(AccessChanged)));
    await waitFor(() => expect(second.calls).toHaveLength(1));
    expect(connects).toEqual([false, true]);
    expect(second.calls[0]?.args[0]).toEqual({ question: 'How much is the FlexFit allowance?', conversationId: null });
    emit(second, { type: 'retrieval', citations: [benefits] });
    emit(second, { type: 'token', text: '600 EUR [1].' });
    emit(second, done());
    expect(document.getElementById('answer')!.textContent).toContain('600 EUR');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the refusal when the fresh connection is refused too, instead of reconnecting again', async () => {
    const conns: FakeConnection[] = [];
    const { user } = setup({}, { connect: () => Promise.resolve(conns[conns.push(new FakeConnection()) - 1]!) });
    await user.type(screen.getByLabelText('Ask a question'), 'q{Enter}');
    await waitFor(() => expect(conns[0]?.calls).toHaveLength(1));
    act(() => conns[0]!.subscriber?.error(new Error(AccessChanged)));
    await waitFor(() => expect(conns[1]?.calls).toHaveLength(1));
    act(() => conns[1]!.subscriber?.error(new Error(AccessChanged)));
    expect((await screen.findByRole('alert')).textContent).toContain('Your access has changed');
    expect(conns).toHaveLength(2);
  });

  it('hides feedback when the server has no feedback endpoint', async () => {
    const { conn, user } = setup();
    await ask(user, conn, 'q');
    emit(conn, done({ conversationId: 'c1', messageId: 'm1' }));
    await user.click(screen.getByRole('button', { name: 'Not helpful' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Not helpful' })).toBeNull());
  });

  it('hides the conversation list when the server has none', async () => {
    const { conn } = setup();
    await waitFor(() => expect(screen.queryByRole('navigation', { name: 'Conversations' })).toBeNull());
    expect(conn.calls).toHaveLength(0);
  });

  it('opens a stored conversation and deletes one after confirmation', async () => {
    let conversations = [{ id: 'c1', title: 'FlexFit allowance', createdAt: '2026-11-27T09:00:00Z', updatedAt: '2026-11-27T09:01:00Z', messageCount: 2 }];
    const { conn, api, user, location } = setup({
      'GET /api/conversations': () => json(conversations),
      'GET /api/conversations/c1': () =>
        json({
          id: 'c1',
          title: 'FlexFit allowance',
          messages: [
            { id: 'u1', role: 'user', text: 'How much is FlexFit?', createdAt: '2026-11-27T09:00:00Z' },
            { id: 'a1', role: 'assistant', text: '600 EUR [1].', citations: [benefits], citedNumbers: [1], mode: 'extractive', model: 'extractive', createdAt: '2026-11-27T09:00:01Z', feedback: { rating: 'up' } },
          ],
        }),
      'DELETE /api/conversations/c1': () => {
        conversations = [];
        return new Response(null, { status: 204 });
      },
    });
    const nav = await screen.findByRole('navigation', { name: 'Conversations' });
    await user.click(await within(nav).findByRole('link', { name: /^FlexFit allowance/ }));
    expect(await screen.findByText('How much is FlexFit?')).toBeTruthy();
    expect(location.history?.at(-1)).toBe('/c/c1');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('FlexFit allowance');
    expect(document.getElementById('citations')!.textContent).toContain('Benefits Guide 2025');
    expect(screen.getByRole('button', { name: 'Helpful' }).getAttribute('aria-pressed')).toBe('true');

    await ask(user, conn, 'follow-up');
    expect(conn.calls[0]?.args[0]).toEqual({ question: 'follow-up', conversationId: 'c1' });

    await user.click(within(nav).getByRole('button', { name: 'Delete conversation FlexFit allowance' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete this conversation?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(api.requests.some((r) => r.method === 'DELETE' && r.url === '/api/conversations/c1')).toBe(true));
    await waitFor(() => expect(within(nav).getByText('No conversations yet.')).toBeTruthy());
    expect(screen.queryByText('How much is FlexFit?')).toBeNull();
    expect(location.history?.at(-1)).toBe('/');
  });
});

