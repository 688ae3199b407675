import { describe, expect, it } from 'vitest';
import { conversationIdFromPath, pathForConversation, routeSync } from './conversationRoute';

describe('conversation URLs', () => {
  it('maps /c/{id} to the id and back; anything else is a new chat', () => {
    expect(conversationIdFromPath('/c/0199a1b2-c3d4')).toBe('0199a1b2-c3d4');
    expect(conversationIdFromPath('/c/0199a1b2-c3d4/')).toBe('0199a1b2-c3d4');
    expect(conversationIdFromPath('/')).toBeNull();
    expect(conversationIdFromPath('/c/')).toBeNull();
    expect(conversationIdFromPath('/c/a/b')).toBeNull();
    expect(conversationIdFromPath('/c/%E0%A4%A')).toBeNull();
    expect(pathForConversation('0199a1b2')).toBe('/c/0199a1b2');
    expect(pathForConversation('a b')).toBe('/c/a%20b');
    expect(pathForConversation(null)).toBe('/');
  });

  it('opens what a loaded or bookmarked address names, and does nothing on a fresh start at /', () => {
    expect(routeSync(null, { urlId: 'c1', chatId: null })).toEqual({ type: 'open', id: 'c1' });
    expect(routeSync(null, { urlId: null, chatId: null })).toEqual({ type: 'none' });
  });

  it('follows back and forward: a new address opens its conversation, / starts a new chat', () => {
    expect(routeSync({ urlId: 'c2', chatId: 'c2' }, { urlId: 'c1', chatId: 'c2' })).toEqual({ type: 'open', id: 'c1' });
    expect(routeSync({ urlId: 'c1', chatId: 'c1' }, { urlId: null, chatId: 'c1' })).toEqual({ type: 'new' });
  });

  it('moves the address to the conversation a first answer created, replacing the history entry', () => {
    expect(routeSync({ urlId: null, chatId: null }, { urlId: null, chatId: 'c9' })).toEqual({ type: 'replace', path: '/c/c9' });
  });

  it('is settled once address and chat agree (after an open finished loading)', () => {
    expect(routeSync({ urlId: 'c1', chatId: 'c2' }, { urlId: 'c1', chatId: 'c1' })).toEqual({ type: 'none' });
    expect(routeSync({ urlId: 'c1', chatId: 'c1' }, { urlId: 'c1', chatId: 'c1' })).toEqual({ type: 'none' });
  });

  it('goes back to / when the conversation on screen is deleted', () => {
    expect(routeSync({ urlId: 'c1', chatId: 'c1' }, { urlId: 'c1', chatId: null })).toEqual({ type: 'replace', path: '/' });
  });

  it('keeps the address of a missing conversation while its not-found message is on screen', () => {
    expect(routeSync({ urlId: 'gone', chatId: 'c1' }, { urlId: 'gone', chatId: 'gone' })).toEqual({ type: 'none' });
  });
});
