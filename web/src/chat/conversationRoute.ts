/** Conversations have URLs: `/` is a new chat, `/c/{id}` a stored conversation. */

const ConversationPath = /^\/c\/([^/?#]+)\/?$/;

export function conversationIdFromPath(path: string): string | null {
  const m = ConversationPath.exec(path);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
}

export function pathForConversation(id: string | null): string {
  return id ? `/c/${encodeURIComponent(id)}` : '/';
}

/**
 * The conversation the address names, and the one on screen (a conversation that could not be found is
 * "on screen" while its not-found message shows).
 */
export interface RouteState {
  urlId: string | null;
  chatId: string | null;
}

export type RouteSync =
  | { type: 'none' }
  /** The address changed (link, back/forward, bookmark): show what it names. */
  | { type: 'open'; id: string }
  | { type: 'new' }
  /** The chat changed on its own (a first answer created the conversation, or it was deleted): the address follows, replacing the entry. */
  | { type: 'replace'; path: string };

/**
 * What to do after the address or the conversation on screen changed. The address wins when it changed
 * (it is the user's navigation); otherwise the address follows the chat. On first render pass `prev = null`.
 */
export function routeSync(prev: RouteState | null, next: RouteState): RouteSync {
  const urlChanged = prev === null || prev.urlId !== next.urlId;
  if (urlChanged) {
    if (next.urlId === next.chatId) return { type: 'none' };
    return next.urlId === null ? { type: 'new' } : { type: 'open', id: next.urlId };
  }
  if (prev.chatId !== next.chatId && next.chatId !== next.urlId) {
    return { type: 'replace', path: pathForConversation(next.chatId) };
  }
  return { type: 'none' };
}
