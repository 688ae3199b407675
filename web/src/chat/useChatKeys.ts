import { useEffect, useRef } from 'react';

interface ChatKeys {
  drawerOpen: boolean;
  closeDrawer(): void;
  sourceOpen: boolean;
  closeSource(): void;
  busy: boolean;
  stop(): void;
  focusQuestion(): void;
}

/** Typing into a field: "/" is a character there, not a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/**
 * The chat's keyboard, from anywhere on the page: Escape closes the drawer, else the source panel, else stops a
 * running answer; "/" jumps to the question box. Dialogs and inline editors handle their own Escape first.
 */
export function useChatKeys(keys: ChatKeys): void {
  const latest = useRef(keys);
  latest.current = keys;

  useEffect(() => {
    function keyDown(e: KeyboardEvent) {
      const k = latest.current;
      if (e.defaultPrevented || document.querySelector('[role="alertdialog"]')) return;
      if (e.key === 'Escape') {
        if (k.drawerOpen) k.closeDrawer();
        else if (k.sourceOpen) k.closeSource();
        else if (k.busy) k.stop();
        else return;
        e.preventDefault();
      } else if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target)) {
        e.preventDefault();
        k.focusQuestion();
      }
    }
    document.addEventListener('keydown', keyDown);
    return () => document.removeEventListener('keydown', keyDown);
  }, []);
}
