import { formatCost, formatLatency, formatPageLabel } from '../shared/format';
import type { ChatEvent, Citation, DoneEvent, Feedback, GuardrailEvent } from './types';

export type TurnStatus = 'retrieving' | 'streaming' | 'done' | 'error' | 'stopped';

/** One question and its answer as the reader sees it. */
export interface Turn {
  /** Client-side key. */
  key: string;
  question: string;
  status: TurnStatus;
  /** True once the "retrieval" event arrived (even with no citations): sources show before tokens. */
  retrieved: boolean;
  citations: Citation[];
  text: string;
  notices: string[];
  /** What the guardrails did to this question, its sources and its answer. */
  guardrails: GuardrailEvent[];
  done: DoneEvent | null;
  error: string | null;
  feedback: Feedback | null;
  /** The stored question (from the retrieval event, or the stored conversation): what Regenerate replaces. */
  questionId: string | null;
}

/** Everything that can happen to a turn: a server event, or Stop / stream end / transport failure. */
export type TurnAction =
  | ChatEvent
  | { type: 'stop' }
  | { type: 'complete' }
  | { type: 'failure'; message: string };

export function newTurn(key: string, question: string): Turn {
  return {
    key,
    question,
    status: 'retrieving',
    retrieved: false,
    citations: [],
    text: '',
    notices: [],
    guardrails: [],
    done: null,
    error: null,
    feedback: null,
    questionId: null,
  };
}

export function isActive(turn: Turn): boolean {
  return turn.status === 'retrieving' || turn.status === 'streaming';
}

/**
 * Applies one action to a turn. A finished turn (done / error / stopped) ignores everything after,
 * so a late token after Stop cannot bring it back. Unknown actions are ignored.
 */
export function reduceTurn(turn: Turn, action: TurnAction): Turn {
  if (!isActive(turn)) return turn;
  switch (action.type) {
    case 'retrieval':
      return {
        ...turn,
        status: 'streaming',
        retrieved: true,
        citations: Array.isArray(action.citations) ? [...action.citations].sort((a, b) => a.number - b.number) : [],
        questionId: action.questionId ?? turn.questionId,
      };
    case 'citations':
      // Same sources, located on the cited sentences; keep the retrieved ones if the update is malformed.
      return Array.isArray(action.citations) && action.citations.length > 0
        ? { ...turn, citations: [...action.citations].sort((a, b) => a.number - b.number) }
        : turn;
    case 'token':
      if (typeof action.text !== 'string' || action.text === '') return turn;
      return { ...turn, status: 'streaming', text: turn.text + action.text };
    case 'notice':
      if (!action.message) return turn;
      // A replacing answer starts over, as the stored conversation keeps it: the markers of the cut-off text lose their place.
      return action.replacesAnswer
        ? { ...turn, notices: [...turn.notices, action.message], text: '', guardrails: turn.guardrails.map((g) => (g.target === 'answer' ? { ...g, start: null, length: null } : g)) }
        : { ...turn, notices: [...turn.notices, action.message] };
    case 'guardrail':
      return action.rule ? { ...turn, guardrails: [...turn.guardrails, action] } : turn;
    case 'done':
      return { ...turn, status: 'done', done: action };
    case 'error':
      return { ...turn, status: 'error', error: action.message || 'Something went wrong.' };
    case 'failure':
      return { ...turn, status: 'error', error: action.message || 'The connection to the server failed.' };
    case 'stop':
      return { ...turn, status: 'stopped' };
    case 'complete':
      // The stream ended without "done": what arrived is the answer.
      return { ...turn, status: 'done' };
    default:
      return turn;
  }
}

/**
 * A finished answer that cites none of the sources it was given: nothing answered the question, and the
 * sources are only the closest passages.
 */
export function isNotFound(turn: Turn): boolean {
  return turn.status === 'done' && turn.citations.length > 0 && Array.isArray(turn.done?.citedNumbers) && turn.done.citedNumbers.length === 0;
}

/** The distinct titles of the closest documents, best first. */
export function closestTitles(turn: Turn, max = 3): string[] {
  const titles = turn.citations.map((c) => c.title.trim() || c.sourceName || 'Untitled');
  return [...new Set(titles)].slice(0, max);
}

/** The answer as plain text to paste elsewhere, followed by its sources as a numbered list. */
export function answerForClipboard(turn: Turn): string {
  const text = turn.text.trim();
  if (turn.citations.length === 0) return text;
  const cited = turn.done?.citedNumbers?.length ? new Set(turn.done.citedNumbers) : null;
  const sources = turn.citations
    .filter((c) => !cited || cited.has(c.number))
    .map((c) => {
      const page = formatPageLabel(c.startPage, c.endPage);
      return `[${c.number}] ${c.title.trim() || c.sourceName || 'Untitled'}${page ? `, ${page}` : ''}`;
    });
  return sources.length > 0 ? `${text}\n\nSources:\n${sources.join('\n')}` : text;
}

/** The guardrail that stopped this answer, if one did. */
export function blockOf(turn: Turn): GuardrailEvent | null {
  return turn.guardrails.find((g) => g.action === 'block' && g.target !== 'source') ?? null;
}

/** Footer for a finished answer, e.g. "extractive · 123 ms · cached". */
export function describeDone(done: DoneEvent): string {
  const parts: string[] = [];
  const mode = (done.mode || '').trim();
  if (mode) parts.push(mode);
  const model = (done.model || '').trim();
  if (model && mode !== 'extractive' && model !== mode) parts.push(model);
  if (done.fallbackUsed) parts.push('fallback');
  if (Number.isFinite(done.latencyMs)) parts.push(formatLatency(done.latencyMs));
  if (done.cacheHit) parts.push('cached');
  const inTok = done.usage?.inputTokens ?? 0;
  const outTok = done.usage?.outputTokens ?? 0;
  if (inTok > 0 || outTok > 0) parts.push(`${inTok} in / ${outTok} out tokens`);
  if (Number.isFinite(done.cost) && done.cost > 0) parts.push(formatCost(done.cost));
  return parts.join(' \u00b7 ');
}
