import { useEffect, type RefObject } from 'react';

const Focusable = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(Focusable)).filter((el) => el.getClientRects().length > 0 || el === document.activeElement);
}

/**
 * While `active`, Tab and Shift+Tab cycle inside `ref` (a drawer or sheet that covers the page), focus
 * starts on its first control, and returns to where it was when it closes.
 */
export function useFocusTrap(ref: RefObject<HTMLElement | null>, active: boolean): void {
  useEffect(() => {
    const root = ref.current;
    if (!active || !root) return;
    const opener = document.activeElement as HTMLElement | null;
    if (!root.contains(document.activeElement)) focusables(root)[0]?.focus();

    function keyDown(e: KeyboardEvent) {
      if (e.key !== 'Tab' || !root) return;
      const items = focusables(root);
      if (items.length === 0) return;
      const first = items[0]!;
      const last = items[items.length - 1]!;
      const inside = root.contains(document.activeElement);
      if (e.shiftKey && (document.activeElement === first || !inside)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (document.activeElement === last || !inside)) {
        e.preventDefault();
        first.focus();
      }
    }

    document.addEventListener('keydown', keyDown);
    return () => {
      document.removeEventListener('keydown', keyDown);
      if (opener && document.contains(opener)) opener.focus();
    };
  }, [ref, active]);
}
