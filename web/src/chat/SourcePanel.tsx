import { useEffect, useRef } from 'react';
import { contentUrl } from '../documents/documentsApi';
import { formatPageLabel } from '../shared/format';
import type { Citation } from './types';

/** The page to open: where the best match starts, else the passage's first page. */
export function openPage(c: Pick<Citation, 'startPage' | 'page'>): number | null {
  return c.page ?? c.startPage;
}

/** The original document at the cited page (PDF viewers honour #page=N). */
export function sourceUrl(c: Pick<Citation, 'documentId' | 'startPage' | 'page'>): string {
  return contentUrl(c.documentId, openPage(c));
}

/** The cited passage with its title and page, and a link to the original. Escape closes it (the chat page listens for it anywhere). */
export function SourcePanel({ citation, onClose }: { citation: Citation; onClose(): void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    headingRef.current?.focus();
    return () => {
      if (opener && document.contains(opener)) opener.focus();
    };
  }, [citation.documentId, citation.number]);

  const page = formatPageLabel(citation.startPage, citation.endPage);
  const isPdf = /\.pdf$/i.test(citation.sourceName);
  return (
    <aside className="source-panel" aria-labelledby="source-title">
      <div className="source-panel-header">
        <p className="eyebrow">Source [{citation.number}]</p>
        <button type="button" className="btn btn-ghost btn-icon" aria-label="Close source" onClick={onClose}>
          ×
        </button>
      </div>
      <h2 className="source-title" id="source-title" tabIndex={-1} ref={headingRef}>
        {citation.title.trim() || citation.sourceName || 'Untitled'}
      </h2>
      <p className="source-meta">
        {[citation.sourceName, page].filter(Boolean).join(' \u00b7 ')}
      </p>
      <blockquote className="source-snippet">{citation.snippet || 'No passage text.'}</blockquote>
      <a className="btn btn-secondary" href={sourceUrl(citation)} target="_blank" rel="noopener">
        {isPdf && openPage(citation) ? `Open PDF at page ${openPage(citation)}` : 'Open original document'}
      </a>
    </aside>
  );
}
