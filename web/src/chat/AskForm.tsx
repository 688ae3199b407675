import { forwardRef, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Icon } from '../shared/Icon';

interface Props {
  busy: boolean;
  /** The last answer finished (or stopped, or failed): Regenerate takes Stop's place. */
  canRegenerate: boolean;
  onAsk(question: string): void;
  onStop(): void;
  onRegenerate(): void;
}

/** Grows with its text up to this height (then scrolls). */
const MaxHeightPx = 240;

/**
 * The question box: Enter sends, Shift+Enter adds a line, and it grows with its content. Stop shows only
 * while an answer runs, and becomes Regenerate after it.
 */
export const AskForm = forwardRef<HTMLTextAreaElement, Props>(function AskForm({ busy, canRegenerate, onAsk, onStop, onRegenerate }, ref) {
  const [question, setQuestion] = useState('');
  const box = useRef<HTMLTextAreaElement | null>(null);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight + 2, MaxHeightPx)}px`;
    el.style.overflowY = el.scrollHeight + 2 > MaxHeightPx ? 'auto' : 'hidden';
  }, [question]);

  function send() {
    if (busy || !question.trim()) return;
    onAsk(question);
    setQuestion('');
  }

  function keyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  }

  return (
    <form
      className="ask-form"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        send();
      }}
    >
      <label htmlFor="question" className="visually-hidden">
        Ask a question
      </label>
      <textarea
        id="question"
        ref={(el) => {
          box.current = el;
          if (typeof ref === 'function') ref(el);
          else if (ref) ref.current = el;
        }}
        rows={1}
        value={question}
        onChange={(e) => setQuestion(e.target.value)}
        onKeyDown={keyDown}
        aria-describedby="ask-hint"
        placeholder="Ask a question about your documents…"
      />
      <div className="ask-actions">
        <p className="hint" id="ask-hint">
          Enter to send · Shift+Enter for a new line · Esc stops · / jumps here
        </p>
        {busy ? (
          <button type="button" className="btn btn-secondary" id="stop" onClick={onStop}>
            <Icon name="stop" size={16} /> Stop
          </button>
        ) : (
          canRegenerate && (
            <button type="button" className="btn btn-secondary" id="regenerate" onClick={onRegenerate}>
              <Icon name="regenerate" size={16} /> Regenerate
            </button>
          )
        )}
        <button type="submit" className="btn btn-primary" id="ask" disabled={busy || !question.trim()}>
          Ask
        </button>
      </div>
    </form>
  );
});
