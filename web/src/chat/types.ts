// The answering contract (docs/api.md "Answering"); camelCase JSON.

export interface Citation {
  number: number;
  documentId: string;
  title: string;
  sourceName: string;
  startPage: number | null;
  endPage: number | null;
  /** Where the best-matching part of the passage starts: the page to open (older answers lack it). */
  page?: number | null;
  snippet: string;
  /** The whole passage shown as the source (the `snippet` is its best or cited sentence). */
  passage?: string | null;
  /** Markdown/HTML/text sources: "Handbook > Leave > Parental leave" and the section's anchor. */
  headingPath?: string | null;
  anchor?: string | null;
  /** The sentences of `passage` the answer used (from the `citations` event), with their pages. */
  sentences?: CitedSentence[] | null;
}

export interface CitedSentence {
  start: number;
  length: number;
  page?: number | null;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

export interface RetrievalEvent {
  type: 'retrieval';
  citations: Citation[];
  /** Set once the question is stored: the conversation to link to, and the question to ask again. */
  conversationId?: string | null;
  questionId?: string | null;
}
/** Sent after the last token: the same sources, now saying which sentence each [n] used. */
export interface CitationsEvent {
  type: 'citations';
  citations: Citation[];
}
export interface TokenEvent {
  type: 'token';
  text: string;
}
export interface NoticeEvent {
  type: 'notice';
  message: string;
  /** The text streamed so far was cut off; the answer starts again after this notice. */
  replacesAnswer?: boolean;
}
export interface DoneEvent {
  type: 'done';
  mode: string;
  model: string;
  latencyMs: number;
  cacheHit: boolean;
  usage: Usage;
  cost: number;
  citedNumbers?: number[];
  fallbackUsed?: boolean;
  conversationId?: string | null;
  messageId?: string | null;
  /** none | flagged | redacted | blocked (older servers omit it). */
  guardrail?: string;
}
/**
 * What a guardrail did (docs: README "Guardrails"): never the text it acted on. For `target: 'answer'`, `start`/`length`
 * locate the redaction marker or flagged sentence in the answer text as delivered.
 */
export interface GuardrailEvent {
  type: 'guardrail';
  rule: string;
  action: 'flag' | 'redact' | 'block' | 'drop' | 'quote' | string;
  spanKind: string;
  message: string;
  target: 'answer' | 'question' | 'source' | string;
  start?: number | null;
  length?: number | null;
}
export interface ErrorEvent {
  type: 'error';
  message: string;
}

/** One item of the hub stream `Ask`. */
export type ChatEvent = RetrievalEvent | CitationsEvent | TokenEvent | NoticeEvent | GuardrailEvent | DoneEvent | ErrorEvent;

export interface AskRequest {
  question: string;
  collection?: string | null;
  conversationId?: string | null;
  /** Asks again in place of the conversation's last question (regenerate, edit and resend). */
  replaces?: string | null;
}

export type Rating = 'up' | 'down';

export interface Feedback {
  rating: Rating;
  comment?: string | null;
}

export interface ConversationSummary {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  messageCount: number;
}

export interface StoredMessage {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  citations?: Citation[] | null;
  citedNumbers?: number[] | null;
  model?: string | null;
  mode?: string | null;
  fallbackUsed?: boolean;
  usage?: Usage | null;
  cost?: number | null;
  latencyMs?: number | null;
  createdAt: string;
  feedback?: Feedback | null;
  /** How an answer ended (older servers omit it: completed). */
  status?: 'completed' | 'failed' | 'cancelled';
  error?: string | null;
  guardrails?: GuardrailEvent[] | null;
}

export interface Conversation {
  id: string;
  title: string;
  messages: StoredMessage[];
}
