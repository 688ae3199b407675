import type { Http } from '../shared/http';
import { newTurn, type Turn } from './turn';
import type { Conversation, ConversationSummary, Feedback, StoredMessage } from './types';

export function listConversations(http: Http): Promise<ConversationSummary[]> {
  return http.get<ConversationSummary[]>('/api/conversations');
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
    if (answer) {
      turn.text = answer.text;
      turn.citations = [...(answer.citations ?? [])].sort((a, b) => a.number - b.number);
      turn.feedback = answer.feedback ?? null;
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
