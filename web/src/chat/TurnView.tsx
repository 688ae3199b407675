import { Alert } from '../shared/Alert';
import { AnswerBody } from './AnswerBody';
import { CitationList } from './CitationList';
import { FeedbackControls } from './FeedbackControls';
import { RetryButton } from './RetryButton';
import { describeDone, isActive, type Turn } from './turn';
import type { Feedback } from './types';

interface Props {
  turn: Turn;
  /** The newest turn owns the stable ids (#answer, #citations) and the Retry button. */
  latest: boolean;
  selected: number | null;
  onCite(turnKey: string, number: number): void;
  onRetry(): void;
  onFeedback(turnKey: string, feedback: Feedback): void;
}

export function TurnView({ turn, latest, selected, onCite, onRetry, onFeedback }: Props) {
  const active = isActive(turn);
  const messageId = turn.done?.messageId;
  return (
    <li className="turn">
      <div className="question">
        <span className="visually-hidden">You asked: </span>
        {turn.question}
      </div>
      <article className="answer" aria-label="Answer">
        {turn.status === 'retrieving' && (
          <p className="muted searching" role="status">
            Searching your documents…
          </p>
        )}
        {turn.retrieved && (
          <section className="sources" aria-label="Sources">
            <h3 className="sources-title">Sources</h3>
            <CitationList
              citations={turn.citations}
              cited={turn.done?.citedNumbers}
              id={latest ? 'citations' : undefined}
              selected={selected}
              onOpen={(n) => onCite(turn.key, n)}
            />
          </section>
        )}
        {turn.notices.map((n, i) => (
          <p key={i} className="notice" role="status">
            {n}
          </p>
        ))}
        <AnswerBody
          text={turn.text}
          citations={turn.citations}
          streaming={active}
          id={latest ? 'answer' : undefined}
          onCite={(n) => onCite(turn.key, n)}
        />
        {turn.status === 'stopped' && <p className="muted small">Stopped.</p>}
        {turn.status === 'error' && (
          <Alert
            action={
              latest ? <RetryButton message={turn.error} onRetry={onRetry} /> : undefined
            }
          >
            {turn.error}
          </Alert>
        )}
        {turn.status === 'done' && (
          <footer className="answer-footer">
            {turn.done && <span className="muted small">{describeDone(turn.done)}</span>}
            {messageId && (
              <FeedbackControls messageId={messageId} feedback={turn.feedback} onSaved={(f) => onFeedback(turn.key, f)} />
            )}
          </footer>
        )}
      </article>
    </li>
  );
}
