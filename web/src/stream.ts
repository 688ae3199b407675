import type { ChatEvent, Citation, DoneEvent } from './types';

export type TurnStatus = 'retrieving' | 'streaming' | 'done' | 'error' | 'stopped';

export interface TurnState {
  question: string;
  status: TurnStatus;
  /** True once the "retrieval" event has arrived (even with zero citations). */
  retrieved: boolean;
  citations: Citation[];
  text: string;
  done: DoneEvent | null;
  error: string | null;
}

/**
 * Everything that can happen to a turn: a server event from the hub stream,
 * or a client-side occurrence (user pressed Stop, stream completed, the
 * transport failed).
 */
export type TurnAction =
  | ChatEvent
  | { type: 'stop' }
  | { type: 'complete' }
  | { type: 'failure'; message: string };

export function initialTurn(question: string): TurnState {
  return { question, status: 'retrieving', retrieved: false, citations: [], text: '', done: null, error: null };
}

export function isActive(state: TurnState): boolean {
  return state.status === 'retrieving' || state.status === 'streaming';
}

/**
 * Pure reducer: applies one action to a turn. Once a turn is finished
 * (done / error / stopped) further actions are ignored, so late events after
 * Stop cannot resurrect it. Unknown event types are ignored.
 */
export function reduceTurn(state: TurnState, action: TurnAction): TurnState {
  if (!isActive(state)) return state;
  switch (action.type) {
    case 'retrieval':
      return {
        ...state,
        status: 'streaming',
        retrieved: true,
        citations: Array.isArray(action.citations) ? [...action.citations].sort((a, b) => a.number - b.number) : [],
      };
    case 'token':
      if (typeof action.text !== 'string' || action.text === '') {
        return state.status === 'streaming' ? state : { ...state, status: 'streaming' };
      }
      return { ...state, status: 'streaming', text: state.text + action.text };
    case 'done':
      return { ...state, status: 'done', done: action };
    case 'error':
      return { ...state, status: 'error', error: action.message || 'Something went wrong.' };
    case 'failure':
      return { ...state, status: 'error', error: action.message || 'Connection failed.' };
    case 'stop':
      return { ...state, status: 'stopped' };
    case 'complete':
      // Stream ended without a "done" event: treat what we have as final.
      return { ...state, status: 'done' };
    default:
      return state;
  }
}

/** Footer line for a finished turn, e.g. "extractive · 123 ms". */
export function formatDone(done: DoneEvent): string {
  const parts: string[] = [];
  const mode = (done.mode || '').trim();
  if (mode) parts.push(mode);
  const model = (done.model || '').trim();
  if (model && mode !== 'extractive' && model !== mode) parts.push(model);
  if (Number.isFinite(done.latencyMs)) parts.push(formatLatency(done.latencyMs));
  if (done.cacheHit) parts.push('cached');
  const inTok = done.usage?.inputTokens ?? 0;
  const outTok = done.usage?.outputTokens ?? 0;
  if (inTok > 0 || outTok > 0) parts.push(`${inTok} in / ${outTok} out tokens`);
  if (Number.isFinite(done.cost) && done.cost > 0) parts.push(formatCost(done.cost));
  return parts.join(' \u00b7 ');
}

export function formatLatency(ms: number): string {
  const rounded = Math.max(0, Math.round(ms));
  return rounded < 10_000 ? `${rounded} ms` : `${(rounded / 1000).toFixed(1)} s`;
}

export function formatCost(cost: number): string {
  return cost < 0.01 ? `$${cost.toFixed(4)}` : `$${cost.toFixed(2)}`;
}
