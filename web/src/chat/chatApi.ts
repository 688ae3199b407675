import type { Http } from '../shared/http';
import { newTurn, type Turn } from './turn';
import type { Conversation, ConversationSummary, Feedback, StoredMessage } from './types';

/** The user's conversations, newest first; `search` keeps those whose title or messages contain it. */
export function listConversations(http: Http, search = ''): Promise<ConversationSummary[]> {
  const q = search.trim();
  return http.get<ConversationSummary[]>(q ? `/api/conversations?q=${encodeURIComponent(q)}` : '/api/conversations');
}

export function renameConversation(http: Http, id: string, title: string): Promise<ConversationSummary> {
  return http.patch<ConversationSummary>(`/api/conversations/${encodeURIComponent(id)}`, { title });
}

export function getConversation(http: Http, id: string): Promise<Conversation> {
  return http.get<Conversation>(`/api/conversations/${encodeURIComponent(id)}`);
}

export function deleteConversation(http: Http, id: string): Promise<void> {
  return http.delete(`/api/conversations/${encodeURIComponent(id)}`);
}

export function putFeedback(http: Http, messageId: string, feedback: Feedback): Promise<void> {
  return http.put(`/api/messages/${encodeURIComponent(messageId)}/feedback`, feedback);
}

/** A stored conversation as finished turns: each user message with the assistant reply after it. */
export function turnsFromConversation(conversation: Conversation): Turn[] {
  const turns: Turn[] = [];
  let pending: StoredMessage | null = null;
  const push = (user: StoredMessage | null, answer: StoredMessage | null): void => {
    const turn = newTurn(answer?.id ?? user?.id ?? String(turns.length), user?.text ?? '');
    turn.status = 'done';
    turn.retrieved = true;
    turn.questionId = user?.id ?? null;
    if (answer?.status === 'failed') {
      turn.status = 'error';
      turn.error = answer.error || 'The answer failed.';
    } else if (answer?.status === 'cancelled') {
      turn.status = 'stopped';
    }
    if (answer) {
      turn.text = answer.text;
      turn.citations = [...(answer.citations ?? [])].sort((a, b) => a.number - b.number);
      turn.feedback = answer.feedback ?? null;
      turn.guardrails = answer.guardrails ?? [];
    }
    if (answer && turn.status === 'done') {
      turn.done = {
        type: 'done',
        mode: answer.mode ?? '',
        model: answer.model ?? '',
        latencyMs: answer.latencyMs ?? Number.NaN,
        cacheHit: false,
        usage: answer.usage ?? { inputTokens: 0, outputTokens: 0 },
        cost: answer.cost ?? 0,
        citedNumbers: answer.citedNumbers ?? [],
        fallbackUsed: answer.fallbackUsed ?? false,
        conversationId: conversation.id,
        messageId: answer.id,
      };
    }
    turns.push(turn);
  };
  for (const m of conversation.messages ?? []) {
    if (m.role === 'user') {
      if (pending) push(pending, null);
      pending = m;
    } else {
      push(pending, m);
      pending = null;
    }
  }
  if (pending) push(pending, null);
  return turns;
}
