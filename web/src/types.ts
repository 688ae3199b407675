// Wire contract shared with the ASP.NET Core backend (camelCase JSON).

export interface Me {
  email: string;
  role: string;
  groups: string[];
}

export type AnswerMode = 'extractive' | 'llm';

export interface Info {
  answerMode: AnswerMode;
  model: string;
  documents: number;
}

/** RFC 7807 problem details (subset we use). */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
}

export interface Citation {
  number: number;
  documentId: string;
  title: string;
  sourceName: string;
  startPage: number | null;
  endPage: number | null;
  snippet: string;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

export interface RetrievalEvent {
  type: 'retrieval';
  citations: Citation[];
}

export interface TokenEvent {
  type: 'token';
  text: string;
}

export interface DoneEvent {
  type: 'done';
  latencyMs: number;
  model: string;
  mode: string;
  cacheHit: boolean;
  usage: Usage;
  cost: number;
  /** Optional: if the server assigns/echoes a conversation id, the client adopts it. */
  conversationId?: string;
}

export interface ErrorEvent {
  type: 'error';
  message: string;
}

/** One item of the hub stream `Ask`. */
export type ChatEvent = RetrievalEvent | TokenEvent | DoneEvent | ErrorEvent;

/** Argument of the hub stream method `Ask`. */
export interface AskRequest {
  question: string;
  conversationId: string | null;
}
