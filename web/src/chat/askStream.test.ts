import { describe, expect, it } from 'vitest';
import { FakeConnection } from '../testing/fakeConnection';
import { askStream, streamFailureMessage } from './askStream';
import type { TurnAction } from './turn';

function collect() {
  const actions: TurnAction[] = [];
  return { actions, onAction: (a: TurnAction) => actions.push(a) };
}

describe('askStream', () => {
  it('invokes the hub stream Ask with the request', () => {
    const conn = new FakeConnection();
    askStream(conn, { question: 'Why?', conversationId: 'c1' }, () => {});
    expect(conn.calls).toEqual([{ method: 'Ask', args: [{ question: 'Why?', conversationId: 'c1' }] }]);
  });

  it('forwards retrieval, notice and tokens in order, then one terminal done', () => {
    const conn = new FakeConnection();
    const { actions, onAction } = collect();
    const handle = askStream(conn, { question: 'q' }, onAction);
    conn.emit({ type: 'retrieval', citations: [] });
    conn.emit({ type: 'notice', message: 'fallback' });
    conn.emit({ type: 'token', text: 'Hi' });
    conn.emit({ type: 'done', mode: 'extractive', model: 'extractive', latencyMs: 1, cacheHit: false, usage: { inputTokens: 0, outputTokens: 0 }, cost: 0 });
    conn.subscriber?.complete();
    expect(actions.map((a) => a.type)).toEqual(['retrieval', 'notice', 'token', 'done']);
    expect(handle.finished).toBe(true);
  });

  it('ignores malformed and unknown items', () => {
    const conn = new FakeConnection();
    const { actions, onAction } = collect();
    askStream(conn, { question: 'q' }, onAction);
    conn.emit(null);
    conn.emit('token');
    conn.emit({ type: 'guess' });
    conn.emit({ type: 'token', text: 'ok' });
    expect(actions).toEqual([{ type: 'token', text: 'ok' }]);
  });

  it('stop disposes the subscription once and reports a single stop; later events are dropped', () => {
    const conn = new FakeConnection();
    const { actions, onAction } = collect();
    const handle = askStream(conn, { question: 'q' }, onAction);
    conn.emit({ type: 'token', text: 'a' });
    handle.stop();
    handle.stop();
    conn.emit({ type: 'token', text: 'late' });
    conn.subscriber?.complete();
    expect(conn.disposed).toBe(1);
    expect(actions.map((a) => a.type)).toEqual(['token', 'stop']);
  });

  it('reports a transport error (hub disconnect) as a failure with a readable message', () => {
    const conn = new FakeConnection();
    const { actions, onAction } = collect();
    askStream(conn, { question: 'q' }, onAction);
    conn.subscriber?.error(new Error("An unexpected error occurred invoking 'Ask' on the server. HubException: Too many questions; try again in 20 s."));
    expect(actions).toEqual([{ type: 'failure', message: 'Too many questions; try again in 20 s.' }]);
  });

  it('reports a stream that cannot start as a failure', () => {
    const conn = new FakeConnection();
    conn.stream = () => {
      throw new Error('Cannot send data if the connection is not in the Connected State.');
    };
    const { actions, onAction } = collect();
    askStream(conn, { question: 'q' }, onAction);
    expect(actions).toEqual([{ type: 'failure', message: 'Cannot send data if the connection is not in the Connected State.' }]);
  });

  it('words an empty hub error generically', () => {
    expect(streamFailureMessage(new Error("An unexpected error occurred invoking 'Ask' on the server."))).toBe(
      'The server could not answer. Please try again.',
    );
  });
});
