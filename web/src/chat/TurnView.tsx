import { useState } from 'react';
import { Alert } from '../shared/Alert';
import { AnswerBody } from './AnswerBody';
import { CitationList } from './CitationList';
import { CopyAnswerButton } from './CopyAnswerButton';
import { FeedbackControls } from './FeedbackControls';
import { QuestionEditor } from './QuestionEditor';
import { RetryButton } from './RetryButton';
import { closestTitles, describeDone, isActive, isNotFound, type Turn } from './turn';
import { GuardrailNotes } from './GuardrailNotes';
import type { Feedback } from './types';
import { Icon } from '../shared/Icon';

interface Props {
  turn: Turn;
  /** The newest turn owns the stable ids (#answer, #citations), Retry and editing its question. */
  latest: boolean;
  selected: number | null;
  onCite(turnKey: string, number: number): void;
  onRetry(): void;
  onEdit(question: string): void;
  onFeedback(turnKey: string, feedback: Feedback): void;
}

export function TurnView({ turn, latest, selected, onCite, onRetry, onEdit, onFeedback }: Props) {
  const [editing, setEditing] = useState(false);
  const active = isActive(turn);
  const messageId = turn.done?.messageId;
  const notFound = isNotFound(turn);
  const finished = turn.status === 'done' || turn.status === 'stopped';
  return (
    <li className="turn">
      {editing && latest && !active ? (
        <QuestionEditor
          question={turn.question}
          onSend={(q) => {
            setEditing(false);
            onEdit(q);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div className="question-row">
          {latest && !active && (
            <button type="button" className="btn btn-ghost btn-icon edit-question" aria-label="Edit question" title="Edit and resend" onClick={() => setEditing(true)}>
              <Icon name="pencil" size={16} />
            </button>
          )}
          <div className="question">
            <span className="visually-hidden">You asked: </span>
            {turn.question}
          </div>
        </div>
      )}
      <article className={`answer${notFound ? ' is-not-found' : ''}`} aria-label="Answer">
        {turn.status === 'retrieving' && (
          <p className="muted searching" role="status">
            Searching your documents…
          </p>
        )}
        {turn.retrieved && (
          <section className="sources" aria-label="Sources">
            <h3 className="sources-title">{notFound ? 'Closest passages' : 'Sources'}</h3>
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
          guardrails={turn.guardrails}
          streaming={active}
          id={latest ? 'answer' : undefined}
          onCite={(n) => onCite(turn.key, n)}
        />
        {notFound && (
          <p className="not-found-note">
            No passage in your documents answers this directly. Closest documents: {closestTitles(turn).join(', ')}.
          </p>
        )}
        <GuardrailNotes turn={turn} />
        {turn.status === 'stopped' && <p className="muted small">Stopped.</p>}
        {turn.status === 'error' && (
          <Alert action={latest ? <RetryButton message={turn.error} onRetry={onRetry} /> : undefined}>{turn.error}</Alert>
        )}
        {finished && (
          <footer className="answer-footer">
            {turn.done && <span className="muted small">{describeDone(turn.done)}</span>}
            {turn.text.trim() && <CopyAnswerButton turn={turn} />}
            {messageId && <FeedbackControls messageId={messageId} feedback={turn.feedback} onSaved={(f) => onFeedback(turn.key, f)} />}
          </footer>
        )}
      </article>
    </li>
  );
}
