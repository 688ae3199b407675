import { useState } from 'react';
import { Link } from 'wouter';
import { useHttp } from '../../shared/ApiContext';
import { Alert } from '../../shared/Alert';
import { formatDateTime } from '../../shared/format';
import { Icon } from '../../shared/Icon';
import { Pager, pagedUrl } from '../../shared/Pager';
import { useResource } from '../../shared/useResource';
import { Unavailable } from '../Unavailable';
import type { FeedbackEntry } from './types';

const PageSize = 25;

type Rating = '' | 'up' | 'down';

/** `?rating=&from=&to=`, only the parts that are set. */
export function feedbackQuery(rating: Rating, from: string, to: string): string {
  const p = new URLSearchParams();
  if (rating) p.set('rating', rating);
  if (from) p.set('from', from);
  if (to) p.set('to', to);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function FeedbackPage() {
  const http = useHttp();
  const [rating, setRating] = useState<Rating>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [offset, setOffset] = useState(0);
  const q = feedbackQuery(rating, from, to);
  const [entries] = useResource(() => http.getPage<FeedbackEntry>(pagedUrl(`/api/admin/feedback${q}`, offset, PageSize)), `${q}:${offset}`);
  const filter = (change: () => void) => {
    change();
    setOffset(0);
  };

  return (
    <div className="admin-page">
      <section className="card" aria-labelledby="feedback-title">
        <div className="card-header">
          <h2 className="card-title" id="feedback-title">
            Feedback
          </h2>
          <a className="btn btn-secondary btn-small" href={`/api/admin/feedback.csv${q}`} download>
            Export CSV
          </a>
        </div>
        <div className="form-row">
          <div className="field">
            <label htmlFor="feedback-rating">Rating</label>
            <select id="feedback-rating" value={rating} onChange={(e) => filter(() => setRating(e.target.value as Rating))}>
              <option value="">All</option>
              <option value="up">Helpful</option>
              <option value="down">Not helpful</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="feedback-from">From</label>
            <input id="feedback-from" type="date" value={from} onChange={(e) => filter(() => setFrom(e.target.value))} />
          </div>
          <div className="field">
            <label htmlFor="feedback-to">To</label>
            <input id="feedback-to" type="date" value={to} onChange={(e) => filter(() => setTo(e.target.value))} />
          </div>
        </div>
        {entries.state === 'loading' && <p className="muted pad">Loading…</p>}
        {entries.state === 'unavailable' && <Unavailable what="The feedback report" />}
        {entries.state === 'error' && <Alert>{entries.message}</Alert>}
        {entries.state === 'ready' &&
          (entries.data.total === 0 ? (
            <p className="muted pad">{q ? 'No feedback matches these filters.' : 'No feedback yet.'}</p>
          ) : (
            <>
              <div className="table-scroll" role="region" aria-label="Feedback" tabIndex={0}>
                <table className="table table-cards">
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
                    {entries.data.items.map((f) => (
                      <tr key={f.messageId}>
                        <td data-label="Rating">
                          <span className="rating" role="img" aria-label={f.rating === 'up' ? 'Helpful' : 'Not helpful'}>
                            <Icon name={f.rating === 'up' ? 'thumbsUp' : 'thumbsDown'} size={16} />
                          </span>
                        </td>
                        <td className="qa-cell" data-label="Question and answer">
                          <Link href={`/admin/feedback/${encodeURIComponent(f.messageId)}`} className="qa-question">
                            {f.question || 'Open the answer'}
                          </Link>
                          <div className="muted small clamp">{f.answer}</div>
                        </td>
                        <td data-label="Comment">{f.comment || <span className="muted">—</span>}</td>
                        <td className="small" data-label="User">
                          {f.user}
                        </td>
                        <td className="small" data-label="When">
                          {formatDateTime(f.createdAt)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager label="Feedback" offset={offset} pageSize={PageSize} total={entries.data.total} onOffset={setOffset} />
            </>
          ))}
      </section>
    </div>
  );
}
