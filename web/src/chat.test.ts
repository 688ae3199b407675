import { describe, expect, it } from 'vitest';
import { ask, newConversationId } from './chat';
import { initialTurn, reduceTurn, type TurnAction } from './stream';
import { FakeConnection } from './testing';

function collect() {
  const actions: TurnAction[] = [];
  return { actions, onAction: (a: TurnAction) => actions.push(a) };
}

describe('ask', () => {
  it('invokes the hub stream "Ask" with {question, conversationId}', () => {
    const conn = new FakeConnection();
    ask(conn, { question: 'Why?', conversationId: 'c-1' }, () => {});
    expect(conn.calls).toEqual([{ method: 'Ask', args: [{ question: 'Why?', conversationId: 'c-1' }] }]);
  });

  it('forwards events in order and drives the reducer to done', () => {
    const conn = new FakeConnection();
    const { actions, onAction } = collect();
    const handle = ask(conn, { question: 'q', conversationId: null }, onAction);
    conn.emit({ type: 'retrieval', citations: [] });
    conn.emit({ type: 'token', text: 'Hi' });
    conn.emit({ type: 'done', latencyMs: 5, model: 'm', mode: 'extractive', cacheHit: false, usage: { inputTokens: 0, outputTokens: 0 }, cost: 0 });
    conn.subscriber?.complete();
    expect(actions.map((a) => a.type)).toEqual(['retrieval', 'token', 'done']);
    expect(handle.finished).toBe(true);
    expect(actions.reduce(reduceTurn, initialTurn('q'))).toMatchObject({ status: 'done', text: 'Hi' });
  });

  it('ignores malformed items', () => {
    const conn = new FakeConnection();
    const { actions, onAction } = collect();
    ask(conn, { question: 'q', conversationId: null }, onAction);
    conn.emit(null);
    conn.emit('token');
    conn.emit({ type: 'unknown' });
    conn.emit({ type: 'token', text: 'ok' });
    expect(actions).toEqual([{ type: 'token', text: 'ok' }]);
  });

  it('stop() disposes the subscription once and reports a single stop', () => {
    const conn = new FakeConnection();
    const { actions, onAction } = collect();
    const handle = ask(conn, { question: 'q', conversationId: null }, onAction);
    conn.emit({ type: 'token', text: 'a' });
    handle.stop();
    handle.stop();
    conn.emit({ type: 'token', text: 'late' });
    expect(conn.disposed).toBe(1);
    expect(actions.map((a) => a.type)).toEqual(['token', 'stop']);
  });

  it('stop() after the stream finished does nothing', () => {
    const conn = new FakeConnection();
    const { actions, onAction } = collect();
    const handle = ask(conn, { question: 'q', conversationId: null }, onAction);
    conn.subscriber?.complete();
    handle.stop();
    expect(conn.disposed).toBe(0);
    expect(actions).toEqual([{ type: 'complete' }]);
  });

  it('reports transport errors as failure', () => {
    const conn = new FakeConnection();
    const { actions, onAction } = collect();
    ask(conn, { question: 'q', conversationId: null }, onAction);
    conn.subscriber?.error(new Error('Invocation canceled due to the underlying connection being closed.'));
    expect(actions).toEqual([{ type: 'failure', message: 'Invocation canceled due to the underlying connection being closed.' }]);
  });

  it('reports a synchronous stream() throw as failure', () => {
    const conn = new FakeConnection();
    conn.throwOnStream = new Error("Cannot send data if the connection is not in the 'Connected' State.");
    const { actions, onAction } = collect();
    const handle = ask(conn, { question: 'q', conversationId: null }, onAction);
    expect(actions[0]?.type).toBe('failure');
    expect(handle.finished).toBe(true);
  });
});

describe('newConversationId', () => {
  it('returns distinct UUID-shaped ids', () => {
    const a = newConversationId();
    const b = newConversationId();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });
});
