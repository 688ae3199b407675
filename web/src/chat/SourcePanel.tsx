import { useEffect, useRef, useState } from 'react';
import { contentUrl, documentPageUrl } from '../documents/documentsApi';
import { quotedText } from '../documents/originalView';
import { formatPageLabel } from '../shared/format';
import { citedPassage } from './citedPassage';
import type { Citation } from './types';

/** The page to open: where the best match starts, else the passage's first page. */
export function openPage(c: Pick<Citation, 'startPage' | 'page'>): number | null {
  return c.page ?? c.startPage;
}

/**
 * Where "Open" goes: a PDF straight to the cited page of the file (PDF viewers honour #page=N); anything else to
 * the app's document page, which shows a Markdown/HTML original rendered at the cited heading (`#anchor`, with
 * `?section=` the heading path) and a text original at the cited words (`?text=`, from the server's `:~:text=`
 * anchor: browsers hide that fragment from the page, so it travels as a parameter).
 */
export function sourceUrl(c: Pick<Citation, 'documentId' | 'startPage' | 'page' | 'anchor' | 'headingPath'>): string {
  const page = openPage(c);
  if (page) return contentUrl(c.documentId, page);
  const base = documentPageUrl(c.documentId);
  const quote = quotedText(c.anchor);
  if (quote) return `${base}?text=${encodeURIComponent(quote)}`;
  if (!c.anchor) return base;
  // The heading path tells apart sections with the same heading ("Eligibility" under every policy).
  return `${base}${c.headingPath ? `?section=${encodeURIComponent(c.headingPath)}` : ''}#${encodeURIComponent(c.anchor)}`;
}

/** "Open at page 3", "Open at section", "Open at the cited text", or "Open original document". */
export function openLabel(c: Pick<Citation, 'startPage' | 'page' | 'anchor'>): string {
  const page = openPage(c);
  if (page) return `Open at page ${page}`;
  if (quotedText(c.anchor)) return 'Open at the cited text';
  return c.anchor ? 'Open at section' : 'Open original document';
}

/** The cited sentence(s) highlighted in the passage; the surrounding text expands on request. */
function Passage({ citation }: { citation: Citation }) {
  const [expanded, setExpanded] = useState(false);
  const shown = citation.passage ? citedPassage(citation.passage, citation.sentences ?? [], expanded) : null;
  if (!shown) return <blockquote className="source-snippet">{citation.snippet || 'No passage text.'}</blockquote>;
  return (
    <>
      <blockquote className="source-snippet source-passage" data-testid="cited-passage">
        {shown.clippedBefore ? '\u2026 ' : ''}
        {shown.segments.map((s, i) => (s.cited ? <mark key={i} className="cited-sentence">{s.text}</mark> : <span key={i}>{s.text}</span>))}
        {shown.clippedAfter ? ' \u2026' : ''}
      </blockquote>
      {(expanded || shown.clippedBefore || shown.clippedAfter) && (
        <button type="button" className="btn btn-ghost btn-small source-context" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show less' : 'Show surrounding text'}
        </button>
      )}
    </>
  );
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
        {[citation.sourceName, page, citation.headingPath].filter(Boolean).join(' \u00b7 ')}
      </p>
      <Passage key={`${citation.documentId}-${citation.number}`} citation={citation} />
      <a className="btn btn-secondary" href={sourceUrl(citation)} target="_blank" rel="noopener">
        {openLabel(citation)}
      </a>
    </aside>
  );
}
