import { forwardRef, useState, type FormEvent, type KeyboardEvent } from 'react';

interface Props {
  busy: boolean;
  onAsk(question: string): void;
  onStop(): void;
}

/** The question box: Enter sends, Shift+Enter adds a line; Stop cancels the running answer. */
export const AskForm = forwardRef<HTMLTextAreaElement, Props>(function AskForm({ busy, onAsk, onStop }, ref) {
  const [question, setQuestion] = useState('');

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
        ref={ref}
        rows={2}
        value={question}
        onChange={(e) => setQuestion(e.target.value)}
        onKeyDown={keyDown}
        aria-describedby="ask-hint"
        placeholder="Ask a question about your documents…"
      />
      <div className="ask-actions">
        <p className="hint" id="ask-hint">
          Enter to send · Shift+Enter for a new line
        </p>
        <button type="button" className="btn btn-secondary" id="stop" disabled={!busy} onClick={onStop}>
          Stop
        </button>
        <button type="submit" className="btn btn-primary" id="ask" disabled={busy || !question.trim()}>
          Ask
        </button>
      </div>
    </form>
  );
});
