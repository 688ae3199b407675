import { useEffect, useId, useRef, useState } from 'react';
import { Icon } from './shared/Icon';

const Explanation = 'Answers are composed from sentences in your documents; no language model is used.';

/**
 * "Offline extractive mode" on one line: icon and full label on wide screens, icon and "Offline" on phones;
 * a tap (or click) shows what it means, Escape or a second tap hides it.
 */
export function ModeBadge() {
  const [open, setOpen] = useState(false);
  const id = useId();
  const ref = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', close);
    document.addEventListener('pointerdown', close);
    return () => {
      document.removeEventListener('keydown', close);
      document.removeEventListener('pointerdown', close);
    };
  }, [open]);

  return (
    <span className="mode-badge-wrap" ref={ref}>
      <button type="button" className="mode-badge" aria-expanded={open} aria-controls={id} title={Explanation} onClick={() => setOpen((o) => !o)}>
        <Icon name="offline" size={14} />
        <span className="mode-short">Offline</span>
        <span className="mode-long"> extractive mode</span>
      </button>
      {open && (
        <span className="mode-popover" id={id} role="status">
          <strong>Offline extractive mode.</strong> {Explanation}
        </span>
      )}
    </span>
  );
}
