import { useEffect, useId, useRef, useState, type FormEvent } from 'react';

interface Props {
  question: string;
  onSend(question: string): void;
  onCancel(): void;
}

/** The last question in place, editable: Enter (or Send) asks it again instead of the old one; Escape cancels. */
export function QuestionEditor({ question, onSend, onCancel }: Props) {
  const [text, setText] = useState(question);
  const box = useRef<HTMLTextAreaElement>(null);
  const id = useId();

  useEffect(() => {
    const el = box.current;
    el?.focus();
    el?.setSelectionRange(el.value.length, el.value.length);
  }, []);

  function submit(e?: FormEvent) {
    e?.preventDefault();
    if (text.trim()) onSend(text);
  }

  return (
    <form className="question-editor" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        Edit your question
      </label>
      <textarea
        id={id}
        ref={box}
        rows={2}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            submit();
          } else if (e.key === 'Escape') {
            // Cancelling the edit is all Escape does here (it does not also close or stop anything else).
            e.stopPropagation();
            e.nativeEvent.stopImmediatePropagation();
            onCancel();
          }
        }}
      />
      <div className="question-editor-actions">
        <button type="button" className="btn btn-ghost btn-small" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary btn-small" disabled={!text.trim()}>
          Send
        </button>
      </div>
    </form>
  );
}
