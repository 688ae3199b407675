import { useState, type FormEvent } from 'react';
import { useHttp } from '../shared/ApiContext';
import { ApiError, errorText } from '../shared/problem';
import { putFeedback } from './chatApi';
import type { Feedback, Rating } from './types';
import { Icon } from '../shared/Icon';

interface Props {
  messageId: string;
  feedback: Feedback | null;
  onSaved(feedback: Feedback): void;
}

/** 👍/👎 with an optional comment; hides itself when the server has no feedback endpoint. */
export function FeedbackControls({ messageId, feedback, onSaved }: Props) {
  const http = useHttp();
  const [comment, setComment] = useState(feedback?.comment ?? '');
  const [askComment, setAskComment] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [unavailable, setUnavailable] = useState(false);

  async function save(next: Feedback) {
    setError(null);
    try {
      await putFeedback(http, messageId, next);
      onSaved(next);
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.isUnavailable) setUnavailable(true);
      else setError(errorText(err));
      return false;
    }
  }

  async function rate(rating: Rating) {
    if (await save({ rating, comment: comment.trim() || null })) {
      setAskComment(true);
      setStatus('Thanks for the feedback.');
    }
  }

  async function sendComment(e: FormEvent) {
    e.preventDefault();
    if (!feedback) return;
    if (await save({ rating: feedback.rating, comment: comment.trim() || null })) {
      setAskComment(false);
      setStatus('Comment saved.');
    }
  }

  if (unavailable) return null;
  return (
    <div className="feedback">
      <div className="feedback-buttons" role="group" aria-label="Rate this answer">
        <button type="button" className="btn btn-ghost btn-icon" aria-label="Helpful" aria-pressed={feedback?.rating === 'up'} onClick={() => rate('up')}>
          <Icon name="thumbsUp" />
        </button>
        <button type="button" className="btn btn-ghost btn-icon" aria-label="Not helpful" aria-pressed={feedback?.rating === 'down'} onClick={() => rate('down')}>
          <Icon name="thumbsDown" />
        </button>
        <span className="muted small" role="status">
          {status}
        </span>
      </div>
      {askComment && feedback && (
        <form className="feedback-comment" onSubmit={sendComment}>
          <label htmlFor={`comment-${messageId}`} className="small">
            Comment (optional)
          </label>
          <textarea id={`comment-${messageId}`} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} />
          <button type="submit" className="btn btn-secondary btn-small">
            Send comment
          </button>
        </form>
      )}
      {error && <p className="field-error" role="alert">{error}</p>}
    </div>
  );
}
