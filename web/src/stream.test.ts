import { describe, expect, it } from 'vitest';
import { formatCost, formatDone, formatLatency, initialTurn, isActive, reduceTurn, type TurnAction, type TurnState } from './stream';
import type { Citation, DoneEvent } from './types';

const citation = (n: number, extra: Partial<Citation> = {}): Citation => ({
  number: n,
  documentId: `doc-${n}`,
  title: `Doc ${n}`,
  sourceName: `doc-${n}.pdf`,
  startPage: n,
  endPage: null,
  snippet: `Snippet ${n}`,
  ...extra,
});

const done = (extra: Partial<DoneEvent> = {}): DoneEvent => ({
  type: 'done',
  latencyMs: 123,
  model: 'extractive',
  mode: 'extractive',
  cacheHit: false,
  usage: { inputTokens: 0, outputTokens: 0 },
  cost: 0,
  ...extra,
});

const run = (actions: TurnAction[], start: TurnState = initialTurn('q?')): TurnState => actions.reduce(reduceTurn, start);

describe('reduceTurn', () => {
  it('starts in retrieving with nothing rendered', () => {
    const s = initialTurn('What?');
    expect(s).toMatchObject({ question: 'What?', status: 'retrieving', retrieved: false, citations: [], text: '', done: null, error: null });
    expect(isActive(s)).toBe(true);
  });

  it('stores citations (sorted by number) on retrieval, before any token', () => {
    const s = run([{ type: 'retrieval', citations: [citation(2), citation(1)] }]);
    expect(s.retrieved).toBe(true);
    expect(s.status).toBe('streaming');
    expect(s.citations.map((c) => c.number)).toEqual([1, 2]);
    expect(s.text).toBe('');
  });

  it('accumulates tokens in order', () => {
    const s = run([
      { type: 'retrieval', citations: [citation(1)] },
      { type: 'token', text: 'Hello ' },
      { type: 'token', text: 'world [' },
      { type: 'token', text: '1].' },
    ]);
    expect(s.status).toBe('streaming');
    expect(s.text).toBe('Hello world [1].');
  });

  it('does not mutate the previous state', () => {
    const before = run([{ type: 'token', text: 'a' }]);
    const after = reduceTurn(before, { type: 'token', text: 'b' });
    expect(before.text).toBe('a');
    expect(after.text).toBe('ab');
  });

  it('finishes on done and keeps the done info', () => {
    const d = done({ latencyMs: 42 });
    const s = run([{ type: 'token', text: 'x' }, d]);
    expect(s.status).toBe('done');
    expect(s.done).toBe(d);
    expect(isActive(s)).toBe(false);
  });

  it('records the server error message', () => {
    const s = run([{ type: 'token', text: 'partial' }, { type: 'error', message: 'Model unavailable' }]);
    expect(s.status).toBe('error');
    expect(s.error).toBe('Model unavailable');
    expect(s.text).toBe('partial');
  });

  it('uses a fallback message for an empty error and for transport failures', () => {
    expect(run([{ type: 'error', message: '' }]).error).toBeTruthy();
    expect(run([{ type: 'failure', message: 'socket closed' }])).toMatchObject({ status: 'error', error: 'socket closed' });
  });

  it('stops and then ignores late events', () => {
    const s = run([
      { type: 'token', text: 'Some ' },
      { type: 'stop' },
      { type: 'token', text: 'more' },
      done(),
      { type: 'error', message: 'late' },
    ]);
    expect(s.status).toBe('stopped');
    expect(s.text).toBe('Some ');
    expect(s.done).toBeNull();
    expect(s.error).toBeNull();
  });

  it('treats stream completion without a done event as done', () => {
    const s = run([{ type: 'token', text: 'x' }, { type: 'complete' }]);
    expect(s.status).toBe('done');
    expect(s.done).toBeNull();
  });

  it('ignores unknown event types', () => {
    const start = run([{ type: 'token', text: 'x' }]);
    const s = reduceTurn(start, { type: 'heartbeat' } as unknown as TurnAction);
    expect(s).toBe(start);
  });
});

describe('formatDone', () => {
  it('formats extractive answers as "extractive · 123 ms"', () => {
    expect(formatDone(done())).toBe('extractive \u00b7 123 ms');
  });

  it('includes model, cache, tokens and cost for LLM answers', () => {
    const line = formatDone(
      done({ mode: 'llm', model: 'gpt-4o-mini', latencyMs: 1234.6, cacheHit: true, usage: { inputTokens: 900, outputTokens: 120 }, cost: 0.00042 }),
    );
    expect(line).toBe('llm \u00b7 gpt-4o-mini \u00b7 1235 ms \u00b7 cached \u00b7 900 in / 120 out tokens \u00b7 $0.0004');
  });

  it('formats long latencies in seconds and larger costs with cents', () => {
    expect(formatLatency(12_345)).toBe('12.3 s');
    expect(formatCost(0.125)).toBe('$0.13');
  });
});
