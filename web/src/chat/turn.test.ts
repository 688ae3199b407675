import { describe, expect, it } from 'vitest';
import { answerForClipboard, closestTitles, describeDone, isNotFound, newTurn, reduceTurn, type TurnAction } from './turn';
import type { Citation, DoneEvent } from './types';

const cite = (number: number): Citation => ({
  number,
  documentId: `d${number}`,
  title: `Doc ${number}`,
  sourceName: `doc${number}.pdf`,
  startPage: number,
  endPage: number,
  snippet: `passage ${number}`,
});

const done: DoneEvent = {
  type: 'done',
  mode: 'llm',
  model: 'gpt-x',
  latencyMs: 1234,
  cacheHit: true,
  usage: { inputTokens: 10, outputTokens: 5 },
  cost: 0.0012,
  citedNumbers: [1],
  conversationId: 'c1',
  messageId: 'm1',
};

const run = (actions: TurnAction[]) => actions.reduce(reduceTurn, newTurn('k', 'q'));

describe('reduceTurn', () => {
  it('shows the citations at retrieval, before any token, sorted by number', () => {
    const t = run([{ type: 'retrieval', citations: [cite(2), cite(1)] }]);
    expect(t).toMatchObject({ status: 'streaming', retrieved: true, text: '' });
    expect(t.citations.map((c) => c.number)).toEqual([1, 2]);
  });

  it('appends tokens in order and finishes on done', () => {
    const t = run([
      { type: 'retrieval', citations: [cite(1)] },
      { type: 'token', text: 'Six hundred ' },
      { type: 'token', text: 'EUR [1].' },
      done,
    ]);
    expect(t.text).toBe('Six hundred EUR [1].');
    expect(t.status).toBe('done');
    expect(t.done?.messageId).toBe('m1');
  });

  it('keeps notices beside the answer', () => {
    const t = run([{ type: 'retrieval', citations: [] }, { type: 'notice', message: 'Switched to the fallback model.' }, { type: 'token', text: 'x' }]);
    expect(t.notices).toEqual(['Switched to the fallback model.']);
    expect(t.text).toBe('x');
  });

  it('ignores everything after stop, so a late token cannot revive the turn', () => {
    const t = run([{ type: 'token', text: 'a' }, { type: 'stop' }, { type: 'token', text: 'late' }, done]);
    expect(t).toMatchObject({ status: 'stopped', text: 'a', done: null });
  });

  it('turns a server error event into an error with its message', () => {
    const t = run([{ type: 'retrieval', citations: [] }, { type: 'error', message: 'Your daily token budget is spent.' }]);
    expect(t).toMatchObject({ status: 'error', error: 'Your daily token budget is spent.' });
  });

  it('turns a transport failure into an error and a stream end without done into done', () => {
    expect(run([{ type: 'failure', message: '' }]).error).toBe('The connection to the server failed.');
    expect(run([{ type: 'token', text: 'a' }, { type: 'complete' }]).status).toBe('done');
  });
});

describe('describeDone', () => {
  it('lists mode, model, latency, cache, tokens and cost', () => {
    expect(describeDone(done)).toBe('llm · gpt-x · 1234 ms · cached · 10 in / 5 out tokens · $0.0012');
  });

  it('does not repeat the model in extractive mode', () => {
    expect(describeDone({ ...done, mode: 'extractive', model: 'extractive', cacheHit: false, usage: { inputTokens: 0, outputTokens: 0 }, cost: 0, latencyMs: 12_345 })).toBe(
      'extractive · 12.3 s',
    );
  });
});

describe('finished answers', () => {
  const answered = (cited: number[], text = 'It is 600 EUR [1].') =>
    [{ type: 'retrieval', citations: [cite(2), cite(1), { ...cite(3), title: 'Doc 1' }], questionId: 'q1' } as TurnAction, { type: 'token', text } as TurnAction, { ...done, citedNumbers: cited } as TurnAction].reduce(
      reduceTurn,
      newTurn('k', 'q'),
    );

  it('keeps the stored question id from the sources event (what Regenerate replaces)', () => {
    expect(answered([1]).questionId).toBe('q1');
  });

  it('is "not found" when it cites none of the sources it was given, and names the distinct closest documents', () => {
    expect(isNotFound(answered([1]))).toBe(false);
    expect(isNotFound(answered([]))).toBe(true);
    expect(closestTitles(answered([]))).toEqual(['Doc 1', 'Doc 2']);
  });

  it('copies as the answer then the cited sources with their pages', () => {
    expect(answerForClipboard(answered([1]))).toBe('It is 600 EUR [1].\n\nSources:\n[1] Doc 1, p. 1');
    expect(answerForClipboard(answered([], 'Nothing.'))).toBe('Nothing.\n\nSources:\n[1] Doc 1, p. 1\n[2] Doc 2, p. 2\n[3] Doc 1, p. 3');
  });
});

describe('citations update', () => {
  it('replaces the sources with the located ones (cited sentence ranges) without ending the turn', () => {
    const located = { ...cite(1), sentences: [{ start: 0, length: 7, page: 1 }] };
    const t = run([{ type: 'retrieval', citations: [cite(1)] }, { type: 'token', text: 'x [1]' }, { type: 'citations', citations: [located] }]);

    expect(t.status).toBe('streaming');
    expect(t.citations[0]?.sentences).toEqual([{ start: 0, length: 7, page: 1 }]);
  });

  it('keeps the retrieved sources when the update is empty', () => {
    const t = run([{ type: 'retrieval', citations: [cite(1)] }, { type: 'citations', citations: [] }]);

    expect(t.citations).toEqual([cite(1)]);
  });
});
