import { useEffect } from 'react';
import { Link, useSearch } from 'wouter';
import { useHttp } from '../shared/ApiContext';
import { Alert } from '../shared/Alert';
import { formatDateTime } from '../shared/format';
import { ApiError } from '../shared/problem';
import { useResource } from '../shared/useResource';
import { contentUrl, getReadableDocument, type ReadableDocument } from './documentsApi';
import { originalKind } from './originalView';
import { RenderedOriginal } from './RenderedOriginal';
import { useLocationHash } from './useLocationHash';

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * `/documents/{id}?page=N`, `/documents/{id}?section=Heading%20%3E%20Path#heading-anchor`,
 * `/documents/{id}?text=quoted%20words`: a document
 * the reader may open, with a link to its original, and a Markdown/HTML/text original shown (sanitised) at the
 * cited heading or words; a friendly page when they cannot (deleted, or not shared with their groups) instead of
 * the API's 404. The server sends browser navigations to `/api/documents/{id}/content` that it refuses here.
 */
export function OriginalPage({ documentId }: { documentId: string }) {
  const http = useHttp();
  const id = decode(documentId);
  const search = new URLSearchParams(useSearch());
  const page = Number.parseInt(search.get('page') ?? '', 10);
  const quote = search.get('text');
  const headingPath = search.get('section');
  const section = useLocationHash();
  // null: not found, or not shared with the reader (the server does not say which).
  const [document, reload] = useResource<ReadableDocument | null>(async () => {
    if (!id) return null;
    try {
      return await getReadableDocument(http, id);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404 && !err.isUnavailable) return null;
      throw err;
    }
  }, id ?? '');

  const title = document.state === 'ready' ? (document.data?.title ?? 'Document not available') : 'Document';
  useEffect(() => {
    window.document.title = `${title} · KnowledgeBase`;
  }, [title]);

  return (
    <div className="document-page">
      {document.state === 'loading' && (
        <p className="loading" role="status">
          Loading…
        </p>
      )}
      {document.state === 'error' && (
        <Alert
          action={
            <button type="button" className="btn btn-secondary btn-small" onClick={reload}>
              Retry
            </button>
          }
        >
          {document.message}
        </Alert>
      )}
      {document.state === 'ready' && !document.data && <Unavailable />}
      {((document.state === 'ready' && document.data) || document.state === 'unavailable') && id && (
        <Available id={id} document={document.state === 'ready' ? document.data : null} page={Number.isFinite(page) && page > 0 ? page : null} />
      )}
      {document.state === 'ready' && document.data && id && originalKind(document.data.contentType) && (
        <RenderedOriginal id={id} kind={originalKind(document.data.contentType)!} section={section} headingPath={headingPath} quote={quote} />
      )}
    </div>
  );
}

function Available({ id, document, page }: { id: string; document: ReadableDocument | null; page: number | null }) {
  const isPdf = document?.contentType === 'application/pdf';
  const meta = document
    ? [
        document.sourceName,
        document.pageCount ? `${document.pageCount} ${document.pageCount === 1 ? 'page' : 'pages'}` : '',
        document.collection && document.collection !== 'default' ? `collection ${document.collection}` : '',
        `updated ${formatDateTime(document.updatedAt)}`,
      ].filter(Boolean)
    : [];
  return (
    <article className="card document-card" aria-labelledby="document-title">
      <p className="eyebrow">Document</p>
      <h1 className="document-title" id="document-title">
        {document?.title || 'Original document'}
      </h1>
      {meta.length > 0 && <p className="source-meta">{meta.join(' · ')}</p>}
      <div className="row">
        <a className="btn btn-primary" href={contentUrl(id, isPdf ? page : null)}>
          {isPdf && page ? `Open the PDF at page ${page}` : 'Open the original'}
        </a>
        <Link href="/" className="btn btn-secondary">
          Back to chat
        </Link>
      </div>
    </article>
  );
}

function Unavailable() {
  return (
    <article className="card document-card" aria-labelledby="document-title">
      <p className="eyebrow">Document</p>
      <h1 className="document-title" id="document-title">
        This document isn’t available to you
      </h1>
      <Alert kind="info">
        It may have been deleted, or it isn’t shared with your groups. If you need it, ask an administrator to share it with one of your
        groups.
      </Alert>
      <div className="row">
        <Link href="/" className="btn btn-primary">
          Back to chat
        </Link>
      </div>
    </article>
  );
}
