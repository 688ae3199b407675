import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, problem } from '../testing/fakeFetch';
import { ask, benefits, done, emit, setup } from '../testing/chatHarness';
import type { LibrarySummary } from './library';

const stored = {
  id: 'c1',
  title: 'FlexFit allowance',
  messages: [
    { id: 'q1', role: 'user', text: 'How much is FlexFit?', createdAt: '2026-11-27T09:00:00Z' },
    { id: 'a1', role: 'assistant', text: '600 EUR [1].', citations: [benefits], citedNumbers: [1], mode: 'extractive', model: 'extractive', createdAt: '2026-11-27T09:00:01Z' },
  ],
};
const summaryOf = (c: typeof stored) => ({ id: c.id, title: c.title, createdAt: '2026-11-27T09:00:00Z', updatedAt: '2026-11-27T09:01:00Z', messageCount: 2 });

const library = (over: Partial<LibrarySummary> = {}): LibrarySummary => ({
  documents: 6,
  collections: [{ name: 'default', documents: 6, lastUpdated: '2026-11-28T10:00:00Z' }],
  lastUpdated: '2026-11-28T10:00:00Z',
  recentDocuments: [{ id: 'd1', title: 'Benefits Guide 2025' }],
  suggestions: [{ question: 'When is salary paid?', documentId: 'd9', title: 'Onboarding FAQ' }],
  ...over,
});

describe('conversation URLs', () => {
  it('opens the conversation a bookmarked /c/{id} names, with its title in the toolbar', async () => {
    setup({ 'GET /api/conversations': () => json([summaryOf(stored)]), 'GET /api/conversations/c1': () => json(stored) }, { path: '/c/c1' });
    expect(await screen.findByText('How much is FlexFit?')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('FlexFit allowance'));
    expect(document.title).toBe('FlexFit allowance · KnowledgeBase');
  });

  it('moves a new chat to /c/{id} as soon as the server names the conversation, replacing the entry', async () => {
    const { conn, user, location } = setup();
    await ask(user, conn, 'How much is FlexFit?');
    emit(conn, { type: 'retrieval', citations: [benefits], conversationId: 'c7', questionId: 'q7' });
    await waitFor(() => expect(location.history).toEqual(['/c/c7']));
  });

  it('follows the address back to / (a new chat) and forward again (the conversation)', async () => {
    const { location } = setup({ 'GET /api/conversations': () => json([summaryOf(stored)]), 'GET /api/conversations/c1': () => json(stored) }, { path: '/c/c1' });
    expect(await screen.findByText('How much is FlexFit?')).toBeTruthy();
    act(() => location.navigate('/'));
    expect(await screen.findByRole('heading', { name: 'Ask your documents' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('New chat');
    act(() => location.navigate('/c/c1'));
    expect(await screen.findByText('How much is FlexFit?')).toBeTruthy();
  });

  it('says so when the address names a conversation that does not exist (or is someone else’s)', async () => {
    const { conn, user } = setup({ 'GET /api/conversations/gone': () => problem(404, 'There is no conversation gone.') }, { path: '/c/gone' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Conversation not found' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('This conversation does not exist, or it was deleted.');
    await ask(user, conn, 'new question');
    expect(conn.calls[0]?.args[0]).toEqual({ question: 'new question', conversationId: null });
  });
});

describe('regenerate, edit and copy', () => {
  it('regenerates the last answer in place of the stored question', async () => {
    const { conn, user } = setup();
    await ask(user, conn, 'How much is FlexFit?');
    emit(conn, { type: 'retrieval', citations: [benefits], conversationId: 'c7', questionId: 'q7' });
    emit(conn, { type: 'token', text: '600 EUR [1].' });
    emit(conn, done({ conversationId: 'c7', messageId: 'a7' }));
    await user.click(screen.getByRole('button', { name: 'Regenerate' }));
    await waitFor(() => expect(conn.calls).toHaveLength(2));
    expect(conn.calls[1]?.args[0]).toEqual({ question: 'How much is FlexFit?', conversationId: 'c7', replaces: 'q7' });
    expect(document.querySelectorAll('.question')).toHaveLength(1);
  });

  it('edits the last question and sends it in place of the old one; Escape cancels the edit', async () => {
    const { conn, user } = setup();
    await ask(user, conn, 'How much is FlexFit?');
    emit(conn, { type: 'retrieval', citations: [benefits], conversationId: 'c7', questionId: 'q7' });
    emit(conn, done({ conversationId: 'c7', messageId: 'a7' }));
    await user.click(screen.getByRole('button', { name: 'Edit question' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByLabelText('Edit your question')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Edit question' }));
    const box = screen.getByLabelText('Edit your question');
    await user.clear(box);
    await user.type(box, 'How much is FlexFit per month?{Enter}');
    await waitFor(() => expect(conn.calls).toHaveLength(2));
    expect(conn.calls[1]?.args[0]).toEqual({ question: 'How much is FlexFit per month?', conversationId: 'c7', replaces: 'q7' });
    expect(screen.queryByText('How much is FlexFit?')).toBeNull();
  });

  it('copies the answer with its cited sources as a list', async () => {
    const { conn, user } = setup();
    await ask(user, conn, 'How much is FlexFit?');
    emit(conn, { type: 'retrieval', citations: [benefits, { ...benefits, number: 2, title: 'Travel Policy', startPage: 2, endPage: 3 }] });
    emit(conn, { type: 'token', text: 'It is **600 EUR** a year [1].' });
    emit(conn, done({ citedNumbers: [1] }));
    await user.click(screen.getByRole('button', { name: 'Copy answer' }));
    expect(await navigator.clipboard.readText()).toBe('It is **600 EUR** a year [1].\n\nSources:\n[1] Benefits Guide 2025, p. 3');
    expect(await screen.findByText('Copied')).toBeTruthy();
  });
});

describe('composer keys', () => {
  it('Escape stops a running answer from anywhere; / jumps to the question box', async () => {
    const { conn, user } = setup();
    await ask(user, conn, 'q');
    emit(conn, { type: 'token', text: 'Partial' });
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('{Escape}');
    expect(conn.disposed).toBe(1);
    expect(screen.getByText('Stopped.')).toBeTruthy();
    await user.keyboard('/');
    expect(document.activeElement).toBe(screen.getByLabelText('Ask a question'));
    expect(screen.getByLabelText('Ask a question')).toHaveProperty('value', '');
  });

  it('Escape closes the source panel before it would stop anything', async () => {
    const { conn, user } = setup();
    await ask(user, conn, 'q');
    emit(conn, { type: 'retrieval', citations: [benefits] });
    emit(conn, { type: 'token', text: 'See [1]' });
    await user.click(within(document.getElementById('answer')!).getByRole('button', { name: 'Source 1' }));
    expect(screen.getByRole('complementary')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('complementary')).toBeNull();
    expect(conn.disposed).toBe(0);
  });
});

describe('first screen', () => {
  it('says what the knowledge base holds and asks a suggested question on click', async () => {
    const { conn, user } = setup({ 'GET /api/library': () => json(library()) });
    expect(await screen.findByText(/6 documents/)).toBeTruthy();
    const suggestions = screen.getByRole('region', { name: 'Try asking' });
    expect(within(suggestions).getAllByRole('button').map((b) => b.querySelector('.suggestion-question')?.textContent)).toEqual([
      'When is salary paid?',
      'What does the Benefits Guide 2025 cover?',
    ]);
    await user.click(within(suggestions).getByRole('button', { name: /When is salary paid\?/ }));
    await waitFor(() => expect(conn.calls[0]?.args[0]).toEqual({ question: 'When is salary paid?', conversationId: null }));
  });

  it('is clear and friendly when the reader can read no document at all', async () => {
    setup({ 'GET /api/library': () => json(library({ documents: 0, collections: [], lastUpdated: null, recentDocuments: [], suggestions: [] })) });
    expect(await screen.findByRole('heading', { name: 'Nothing to ask about yet' })).toBeTruthy();
    expect(screen.getByText(/No documents are shared with your group \(staff\) yet/)).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Try asking' })).toBeNull();
  });
});

describe('answers', () => {
  it('dims the sources of a not-found answer and names the closest documents', async () => {
    const { conn, user } = setup();
    await ask(user, conn, 'What is the capital of Mongolia?');
    emit(conn, { type: 'retrieval', citations: [benefits, { ...benefits, number: 2, documentId: 'd2', title: 'Travel Policy' }] });
    emit(conn, { type: 'token', text: 'I could not find an answer to that in the documents you have access to.' });
    emit(conn, done({ citedNumbers: [] }));
    expect(screen.getByRole('article', { name: 'Answer' }).className).toContain('is-not-found');
    expect(screen.getByText('Closest passages')).toBeTruthy();
    expect(screen.getByText(/Closest documents: Benefits Guide 2025, Travel Policy\./)).toBeTruthy();
  });

  it('renders a Markdown table as a table and a list as a list', async () => {
    const { conn, user } = setup();
    await ask(user, conn, 'q');
    emit(conn, { type: 'token', text: '| Plan | Cost |\n|---|---|\n| Basic | 10 EUR |\n\n- one\n- two\n' });
    const answer = document.getElementById('answer')!;
    expect(within(answer).getByRole('table')).toBeTruthy();
    expect(within(answer).getAllByRole('cell').map((c) => c.textContent)).toEqual(['Basic', '10 EUR']);
    expect(within(answer).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['one', 'two']);
  });
});

describe('sidebar', () => {
  it('searches conversations on the server and renames one inline', async () => {
    let title = 'FlexFit allowance';
    const { api, user } = setup({
      'GET /api/conversations': (r) => json(r.url.includes('q=') && !r.url.includes('q=flex') ? [] : [{ ...summaryOf(stored), title }]),
      'PATCH /api/conversations/c1': (r) => {
        title = (r.body as { title: string }).title;
        return json({ ...summaryOf(stored), title });
      },
    });
    const nav = await screen.findByRole('navigation', { name: 'Conversations' });
    await within(nav).findByRole('link', { name: /FlexFit allowance/ });
    await user.type(within(nav).getByLabelText('Search conversations'), 'zzz');
    expect(await within(nav).findByText('No conversations match “zzz”.')).toBeTruthy();
    expect(api.requests.some((r) => r.url === '/api/conversations?q=zzz')).toBe(true);
    await user.clear(within(nav).getByLabelText('Search conversations'));
    await user.click(await within(nav).findByRole('button', { name: 'Rename conversation FlexFit allowance' }));
    const box = within(nav).getByLabelText('New title for FlexFit allowance');
    await user.clear(box);
    await user.type(box, 'Gym money{Enter}');
    expect(await within(nav).findByRole('link', { name: /Gym money/ })).toBeTruthy();
    expect(api.requests.find((r) => r.method === 'PATCH')?.body).toEqual({ title: 'Gym money' });
  });
});
