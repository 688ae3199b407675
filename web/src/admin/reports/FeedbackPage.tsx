import { useState } from 'react';
import { useHttp } from '../../shared/ApiContext';
import { Alert } from '../../shared/Alert';
import { formatDateTime } from '../../shared/format';
import { useResource } from '../../shared/useResource';
import { Unavailable } from '../Unavailable';
import type { FeedbackEntry } from './types';
import { Icon } from '../../shared/Icon';

export function FeedbackPage() {
  const http = useHttp();
  const [rating, setRating] = useState<'' | 'up' | 'down'>('');
  const q = rating ? `?rating=${rating}` : '';
  const [entries] = useResource(() => http.get<FeedbackEntry[]>(`/api/admin/feedback${q}`), q);

  return (
    <div className="admin-page">
      <section className="card" aria-labelledby="feedback-title">
        <div className="card-header">
          <h2 className="card-title" id="feedback-title">
            Feedback
          </h2>
          <a className="btn btn-secondary btn-small" href="/api/admin/feedback.csv" download>
            Export CSV
          </a>
        </div>
        <div className="form-row">
          <div className="field">
            <label htmlFor="feedback-rating">Rating</label>
            <select id="feedback-rating" value={rating} onChange={(e) => setRating(e.target.value as '' | 'up' | 'down')}>
              <option value="">All</option>
              <option value="up">Helpful</option>
              <option value="down">Not helpful</option>
            </select>
          </div>
        </div>
        {entries.state === 'loading' && <p className="muted pad">Loading…</p>}
        {entries.state === 'unavailable' && <Unavailable what="The feedback report" />}
        {entries.state === 'error' && <Alert>{entries.message}</Alert>}
        {entries.state === 'ready' &&
          (entries.data.length === 0 ? (
            <p className="muted pad">No feedback yet.</p>
          ) : (
            <div className="table-scroll" role="region" aria-label="Feedback" tabIndex={0}>
              <table className="table">
                <caption className="visually-hidden">Feedback</caption>
                <thead>
                  <tr>
                    <th scope="col">Rating</th>
                    <th scope="col">Question and answer</th>
                    <th scope="col">Comment</th>
                    <th scope="col">User</th>
                    <th scope="col">When</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.data.map((f) => (
                    <tr key={f.messageId}>
                      <td>
                        <span className="rating" role="img" aria-label={f.rating === 'up' ? 'Helpful' : 'Not helpful'}>
                          <Icon name={f.rating === 'up' ? 'thumbsUp' : 'thumbsDown'} size={16} />
                        </span>
                      </td>
                      <td className="qa-cell">
                        <div className="qa-question">{f.question}</div>
                        <div className="muted small clamp">{f.answer}</div>
                      </td>
                      <td>{f.comment || <span className="muted">—</span>}</td>
                      <td className="small">{f.user}</td>
                      <td className="small">{formatDateTime(f.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
      </section>
    </div>
  );
}
