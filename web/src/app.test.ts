import { beforeEach, describe, expect, it, vi } from 'vitest';
import pageHtml from '../index.html?raw';
import { ApiError } from './api';
import { App, type AppDeps } from './app';
import { FakeConnection } from './testing';
import type { Info, Me } from './types';

const flush = () => new Promise<void>((r) => setTimeout(r, 0));

function loadPage(): void {
  const parsed = new DOMParser().parseFromString(pageHtml, 'text/html');
  document.body.replaceChildren(...Array.from(parsed.body.children).filter((n) => n.tagName !== 'SCRIPT'));
}

const user: Me = { email: 'reader@example.com', role: 'Reader', groups: ['everyone'] };

function makeDeps(opts: { signedIn?: boolean; info?: Info } = {}) {
  let signedIn = opts.signedIn ?? false;
  const conn = new FakeConnection();
  const api = {
    me: vi.fn(async () => (signedIn ? user : null)),
    login: vi.fn(async (email: string, password: string) => {
      if (password !== 'right') throw new ApiError(401, { title: 'Unauthorized', detail: 'Invalid email or password.' }, 'x');
      void email;
      signedIn = true;
    }),
    logout: vi.fn(async () => {
      signedIn = false;
    }),
    info: vi.fn(async () => opts.info ?? { answerMode: 'extractive' as const, model: 'extractive', documents: 3 }),
  };
  const chat = { connect: vi.fn(async () => conn), disconnect: vi.fn(async () => {}) };
  const deps: AppDeps = { api, chat };
  return { deps, api, chat, conn };
}

const $ = <T extends HTMLElement>(sel: string) => document.querySelector<T>(sel)!;

function typeAndEnter(text: string, shiftKey = false): void {
  const q = $<HTMLTextAreaElement>('#question');
  q.value = text;
  q.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey, bubbles: true, cancelable: true }));
}

beforeEach(() => loadPage());

describe('App', () => {
  it('shows the sign-in form when /api/auth/me is 401, and the problem detail on a failed login', async () => {
    const { deps, api } = makeDeps();
    await new App(document, deps).start();
    expect($('#signin-view').hidden).toBe(false);
    expect($('#chat-view').hidden).toBe(true);

    $<HTMLInputElement>('#email').value = 'reader@example.com';
    $<HTMLInputElement>('#password').value = 'wrong';
    $<HTMLButtonElement>('#sign-in').click();
    await flush();
    expect(api.login).toHaveBeenCalledWith('reader@example.com', 'wrong');
    const alert = $('#signin-error');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.hidden).toBe(false);
    expect(alert.textContent).toBe('Invalid email or password.');
  });

  it('signs in, shows the email, the extractive badge and sign-out', async () => {
    const { deps } = makeDeps();
    await new App(document, deps).start();
    $<HTMLInputElement>('#email').value = 'reader@example.com';
    $<HTMLInputElement>('#password').value = 'right';
    $<HTMLButtonElement>('#sign-in').click();
    await flush();
    await flush();
    expect($('#chat-view').hidden).toBe(false);
    expect($('#signin-view').hidden).toBe(true);
    expect($('#user-email').textContent).toBe('reader@example.com');
    const badge = $('.mode-badge');
    expect(badge.hidden).toBe(false);
    expect(badge.textContent).toBe('Offline extractive mode');
    expect(badge.title).toMatch(/no LLM/i);

    $<HTMLButtonElement>('#sign-out').click();
    await flush();
    await flush();
    expect($('#signin-view').hidden).toBe(false);
  });

  it('hides the extractive badge in llm mode', async () => {
    const { deps } = makeDeps({ signedIn: true, info: { answerMode: 'llm', model: 'gpt-4o-mini', documents: 10 } });
    await new App(document, deps).start();
    await flush();
    expect($('.mode-badge').hidden).toBe(true);
    expect($('#model-badge').textContent).toBe('gpt-4o-mini');
  });

  it('asks on Enter, streams, and toggles Ask/Stop', async () => {
    const { deps, conn } = makeDeps({ signedIn: true });
    await new App(document, deps).start();
    expect($<HTMLButtonElement>('#stop').disabled).toBe(true);

    typeAndEnter('line one', true); // Shift+Enter: no submit
    expect(conn.calls).toHaveLength(0);

    typeAndEnter('What is the refund policy?');
    await flush();
    expect(conn.calls).toHaveLength(1);
    const arg = conn.calls[0]!.args[0] as { question: string; conversationId: string };
    expect(arg.question).toBe('What is the refund policy?');
    expect(arg.conversationId).toBeTruthy();
    expect($<HTMLButtonElement>('#stop').disabled).toBe(false);
    expect($<HTMLButtonElement>('#ask').disabled).toBe(true);
    expect($<HTMLTextAreaElement>('#question').value).toBe('');

    conn.emit({
      type: 'retrieval',
      citations: [{ number: 1, documentId: 'd', title: 'Policy', sourceName: 'policy.pdf', startPage: 2, endPage: null, snippet: 's' }],
    });
    expect(document.querySelectorAll('#citations li')).toHaveLength(1);
    conn.emit({ type: 'token', text: '14 days [1].' });
    conn.emit({ type: 'done', latencyMs: 12, model: 'extractive', mode: 'extractive', cacheHit: false, usage: { inputTokens: 0, outputTokens: 0 }, cost: 0 });
    expect($('#answer').textContent).toBe('14 days [1].');
    expect($<HTMLButtonElement>('#stop').disabled).toBe(true);
    expect($<HTMLButtonElement>('#ask').disabled).toBe(false);

    // Second turn: the transcript keeps the first one above; ids move to the newest.
    typeAndEnter('And exchanges?');
    await flush();
    const turns = document.querySelectorAll('#transcript > li');
    expect(turns).toHaveLength(2);
    expect(turns[1]!.contains($('#answer'))).toBe(true);
    expect(turns[0]!.textContent).toContain('14 days [1].');
    expect((conn.calls[1]!.args[0] as { conversationId: string }).conversationId).toBe(arg.conversationId);
  });

  it('Stop disposes the stream and marks the answer stopped', async () => {
    const { deps, conn } = makeDeps({ signedIn: true });
    await new App(document, deps).start();
    typeAndEnter('Long question');
    await flush();
    conn.emit({ type: 'retrieval', citations: [] });
    conn.emit({ type: 'token', text: 'Partial' });
    $<HTMLButtonElement>('#stop').click();
    expect(conn.disposed).toBe(1);
    expect($('#answer').textContent).toBe('Partial (stopped)');
    expect($<HTMLButtonElement>('#stop').disabled).toBe(true);
  });

  it('shows a server error with Retry, which asks again', async () => {
    const { deps, conn } = makeDeps({ signedIn: true });
    await new App(document, deps).start();
    typeAndEnter('Q');
    await flush();
    conn.emit({ type: 'error', message: 'Retrieval failed' });
    const alert = document.querySelector<HTMLElement>('#transcript [role="alert"]')!;
    expect(alert.textContent).toContain('Retrieval failed');
    alert.querySelector('button')!.click();
    await flush();
    expect(conn.calls).toHaveLength(2);
    expect(alert.hidden).toBe(true);
    expect(document.querySelectorAll('#transcript > li')).toHaveLength(1);
  });
});
