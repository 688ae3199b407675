import { useState } from 'react';
import { Link } from 'wouter';
import { AnswerBody } from '../../chat/AnswerBody';
import { CitationList } from '../../chat/CitationList';
import type { Citation } from '../../chat/types';
import { useHttp } from '../../shared/ApiContext';
import { Alert } from '../../shared/Alert';
import { formatDateTime, formatPageLabel } from '../../shared/format';
import { Icon } from '../../shared/Icon';
import { useResource } from '../../shared/useResource';

/** GET /api/admin/feedback/{messageId}: a rated answer in its turn. */
export interface FeedbackTurn {
  messageId: string;
  conversationId: string;
  conversationTitle: string;
  user: string;
  question: string;
  answer: string;
  citations: Citation[];
  citedNumbers: number[];
  model: string | null;
  mode: string | null;
  status: string;
  rating: 'up' | 'down';
  comment: string | null;
  answeredAt: string;
  ratedAt: string;
}

/** `/admin/feedback/{messageId}`: the question, the answer as the user saw it, and the sources it was given. */
export function FeedbackTurnPage({ messageId }: { messageId: string }) {
  const http = useHttp();
  const [turn] = useResource(() => http.get<FeedbackTurn>(`/api/admin/feedback/${encodeURIComponent(messageId)}`), messageId);
  const [selected, setSelected] = useState<number | null>(null);

  return (
    <div className="admin-page">
      <p>
        <Link href="/admin/feedback">← All feedback</Link>
      </p>
      {turn.state === 'loading' && <p className="muted pad">Loading…</p>}
      {(turn.state === 'error' || turn.state === 'unavailable') && <Alert>{turn.state === 'error' ? turn.message : 'This server cannot show rated answers.'}</Alert>}
      {turn.state === 'ready' && (
        <section className="card feedback-turn" aria-labelledby="turn-title">
          <div className="card-header">
            <h2 className="card-title" id="turn-title">
              {turn.data.rating === 'up' ? 'Rated helpful' : 'Rated not helpful'}
            </h2>
            <span className="rating" role="img" aria-label={turn.data.rating === 'up' ? 'Helpful' : 'Not helpful'}>
              <Icon name={turn.data.rating === 'up' ? 'thumbsUp' : 'thumbsDown'} />
            </span>
          </div>
          <p className="source-meta">
            {[turn.data.user, `rated ${formatDateTime(turn.data.ratedAt)}`, turn.data.conversationTitle && `in “${turn.data.conversationTitle}”`, turn.data.model]
              .filter(Boolean)
              .join(' · ')}
          </p>
          {turn.data.comment && <blockquote className="source-snippet">{turn.data.comment}</blockquote>}
          <div className="question">
            <span className="visually-hidden">The user asked: </span>
            {turn.data.question || '(question deleted)'}
          </div>
          <article className="answer" aria-label="Answer">
            <section className="sources" aria-label="Sources">
              <h3 className="sources-title">Sources</h3>
              <CitationList citations={turn.data.citations} cited={turn.data.citedNumbers} selected={selected} onOpen={setSelected} />
            </section>
            <AnswerBody text={turn.data.answer || '(answer deleted)'} citations={turn.data.citations} streaming={false} onCite={setSelected} />
          </article>
          {selected !== null && <SourcePassage citation={turn.data.citations.find((c) => c.number === selected)} />}
        </section>
      )}
    </div>
  );
}

function SourcePassage({ citation }: { citation: Citation | undefined }) {
  if (!citation) return null;
  const page = formatPageLabel(citation.startPage, citation.endPage);
  return (
    <section className="card source-inline" aria-label={`Source ${citation.number}`}>
      <p className="eyebrow">Source [{citation.number}]</p>
      <h3 className="source-title">{citation.title.trim() || citation.sourceName}</h3>
      <p className="source-meta">{[citation.sourceName, page].filter(Boolean).join(' · ')}</p>
      <blockquote className="source-snippet">{citation.snippet || 'No passage text.'}</blockquote>
    </section>
  );
}
