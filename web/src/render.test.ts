import { beforeEach, describe, expect, it } from 'vitest';
import { AnswerRenderer, TurnView } from './render';
import { initialTurn, reduceTurn, type TurnAction, type TurnState } from './stream';
import type { Citation } from './types';

const citation = (n: number, extra: Partial<Citation> = {}): Citation => ({
  number: n,
  documentId: `d${n}`,
  title: `Doc ${n}`,
  sourceName: `doc${n}.pdf`,
  startPage: n,
  endPage: null,
  snippet: `Snippet ${n}`,
  ...extra,
});

beforeEach(() => {
  document.body.replaceChildren();
});

describe('AnswerRenderer', () => {
  it('renders model text as text, never as HTML', () => {
    const host = document.createElement('div');
    const r = new AnswerRenderer(host, () => {});
    r.render('<img src=x onerror="alert(1)"> <b>bold</b> [1]', new Set([1]));
    expect(host.querySelector('img')).toBeNull();
    expect(host.querySelector('b')).toBeNull();
    expect(host.textContent).toBe('<img src=x onerror="alert(1)"> <b>bold</b> [1]');
  });

  it('turns known markers into superscript buttons that call back with the number', () => {
    const host = document.createElement('div');
    const clicked: number[] = [];
    const r = new AnswerRenderer(host, (n) => clicked.push(n));
    r.render('A [1] B [2] C [9]', new Set([1, 2]));
    const buttons = host.querySelectorAll<HTMLButtonElement>('sup > button.cite-ref');
    expect(Array.from(buttons, (b) => b.textContent)).toEqual(['[1]', '[2]']);
    buttons[1]!.click();
    expect(clicked).toEqual([2]);
    expect(host.textContent).toBe('A [1] B [2] C [9]');
  });

  it('updates incrementally: existing nodes are kept while tokens stream', () => {
    const host = document.createElement('div');
    const r = new AnswerRenderer(host, () => {});
    const known = new Set([1]);
    r.render('Refunds [', known);
    const firstText = host.firstChild;
    r.render('Refunds [1', known);
    r.render('Refunds [1]', known);
    const button = host.querySelector('button');
    expect(button).not.toBeNull();
    expect(host.firstChild).toBe(firstText);
    expect(host.firstChild?.textContent).toBe('Refunds ');
    r.render('Refunds [1] take 14 days.', known);
    expect(host.querySelector('button')).toBe(button);
    expect(host.textContent).toBe('Refunds [1] take 14 days.');
  });
});

describe('TurnView', () => {
  function setup() {
    let retried = 0;
    const view = new TurnView(1, 'What is the refund policy?', { onRetry: () => retried++ });
    document.body.append(view.root);
    view.setCurrent(true);
    let state: TurnState = initialTurn('What is the refund policy?');
    const apply = (...actions: TurnAction[]) => {
      for (const a of actions) state = reduceTurn(state, a);
      view.render(state);
    };
    view.render(state);
    return { view, apply, retries: () => retried };
  }

  it('renders citations as soon as retrieval arrives, before tokens', () => {
    const { apply } = setup();
    expect(document.querySelector<HTMLElement>('.sources')!.hidden).toBe(true);
    apply({ type: 'retrieval', citations: [citation(1), citation(2, { startPage: 4, endPage: 6 }), citation(3, { startPage: null })] });
    const items = document.querySelectorAll('#citations > li');
    expect(items).toHaveLength(3);
    expect(items[0]!.querySelector('.citation-label')!.textContent).toBe('[1] Doc 1 \u2014 p. 1');
    expect(items[1]!.querySelector('.citation-label')!.textContent).toBe('[2] Doc 2 \u2014 pp. 4\u20136');
    expect(items[2]!.querySelector('.citation-label')!.textContent).toBe('[3] Doc 3');
    expect(items[0]!.querySelector('details blockquote')!.textContent).toBe('Snippet 1');
    expect(document.querySelector<HTMLElement>('.sources')!.hidden).toBe(false);
    expect(document.getElementById('answer')!.textContent).toBe('');
  });

  it('streams the answer into #answer (aria-live) and shows the footer when done', () => {
    const { apply } = setup();
    const answer = document.getElementById('answer')!;
    expect(answer.getAttribute('aria-live')).toBe('polite');
    apply({ type: 'retrieval', citations: [citation(1)] }, { type: 'token', text: 'Within 14 days [' });
    expect(answer.getAttribute('aria-busy')).toBe('true');
    apply({ type: 'token', text: '1].' });
    expect(answer.textContent).toBe('Within 14 days [1].');
    expect(answer.querySelectorAll('.cite-ref')).toHaveLength(1);
    apply({ type: 'done', latencyMs: 87, model: 'extractive', mode: 'extractive', cacheHit: false, usage: { inputTokens: 0, outputTokens: 0 }, cost: 0 });
    expect(answer.getAttribute('aria-busy')).toBe('false');
    expect(document.querySelector('.turn-meta')!.textContent).toBe('extractive \u00b7 87 ms');
  });

  it('highlights the citation when a marker is clicked', () => {
    const { apply } = setup();
    apply({ type: 'retrieval', citations: [citation(1), citation(2)] }, { type: 'token', text: 'See [2].' });
    document.querySelector<HTMLButtonElement>('#answer .cite-ref')!.click();
    const li = document.querySelector('#citations > li[data-number="2"]')!;
    expect(li.classList.contains('is-highlighted')).toBe(true);
    expect(document.activeElement).toBe(li);
    expect(li.querySelector('details')!.open).toBe(true);
  });

  it('marks a stopped answer', () => {
    const { apply } = setup();
    apply({ type: 'token', text: 'Partial' }, { type: 'stop' });
    expect(document.getElementById('answer')!.textContent).toBe('Partial (stopped)');
  });

  it('shows errors in an alert with a Retry button', () => {
    const { apply, retries } = setup();
    apply({ type: 'error', message: 'Search index unavailable' });
    const alert = document.querySelector<HTMLElement>('[role="alert"]')!;
    expect(alert.hidden).toBe(false);
    expect(alert.textContent).toContain('Search index unavailable');
    alert.querySelector('button')!.click();
    expect(retries()).toBe(1);
  });

  it('moves the stable ids to the current turn only', () => {
    const { view } = setup();
    const next = new TurnView(2, 'Second?', { onRetry: () => {} });
    document.body.append(next.root);
    view.setCurrent(false);
    next.setCurrent(true);
    expect(document.querySelectorAll('#answer')).toHaveLength(1);
    expect(document.getElementById('answer')).toBe(next.answer);
    expect(document.getElementById('citations')).toBe(next.citations);
  });
});
