export interface UsageFigures {
  questions: number;
  inputTokens: number;
  outputTokens: number;
  cost: number;
  /** Answers served from the answer cache, and what they cost when first written. */
  cacheHits?: number;
  costSaved?: number;
  cacheHitRate?: number;
}

/** One UTC day of the usage report. */
export interface DayUsage extends UsageFigures {
  day: string;
}

/** A breakdown row: the figures plus the thing they are for (model, user, collection or day). */
export type UsageRow = UsageFigures & Record<string, unknown>;

export interface UsageReport {
  totals: UsageFigures;
  byDay: UsageRow[] | Record<string, UsageFigures>;
  byModel: UsageRow[] | Record<string, UsageFigures>;
  byUser: UsageRow[] | Record<string, UsageFigures>;
  byCollection: UsageRow[] | Record<string, UsageFigures>;
}

export interface FeedbackEntry {
  messageId: string;
  user: string;
  question: string;
  answer: string;
  rating: 'up' | 'down';
  comment: string | null;
  createdAt: string;
}

/** GET /api/admin/guardrails: how often each guardrail acted (never the text it acted on). */
export interface GuardrailCount {
  rule: string;
  action: string;
  count: number;
}
export interface GuardrailDayCount extends GuardrailCount {
  day: string;
}
export interface GuardrailSummary {
  from: string;
  to: string;
  total: number;
  byRule: GuardrailCount[];
  byDay: GuardrailDayCount[];
}
