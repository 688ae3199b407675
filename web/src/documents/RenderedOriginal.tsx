import { useEffect, useMemo, useRef } from 'react';
import { useHttp } from '../shared/ApiContext';
import { Alert } from '../shared/Alert';
import { useResource } from '../shared/useResource';
import { contentUrl } from './documentsApi';
import { findQuote, findSection, renderOriginal, type OriginalKind } from './originalView';

/** Larger originals are offered as files only: rendering megabytes of text would freeze the tab. */
export const MaxShownChars = 2_000_000;

interface Props {
  id: string;
  kind: OriginalKind;
  /** The heading to scroll to and highlight (a citation's anchor), "" for none. */
  section: string;
  /** The citation's heading path, to tell apart headings with the same anchor; null when not given. */
  headingPath: string | null;
  /** Plain text: the words to scroll to and highlight (a citation's quote), null for none. */
  quote: string | null;
}

/**
 * The original of a Markdown, HTML or text document, read again from the server (which re-checks access) and
 * shown sanitised: the cited heading (Markdown/HTML) or quoted words (text) scrolled into view and highlighted.
 */
export function RenderedOriginal({ id, kind, section, headingPath, quote }: Props) {
  const http = useHttp();
  const [content, reload] = useResource(() => http.text(contentUrl(id)), id);

  if (content.state === 'loading') {
    return (
      <p className="loading" role="status">
        Loading the document…
      </p>
    );
  }
  if (content.state !== 'ready') {
    return (
      <Alert
        action={
          <button type="button" className="btn btn-secondary btn-small" onClick={reload}>
            Retry
          </button>
        }
      >
        {content.state === 'error' ? content.message : 'The document’s text cannot be shown.'}
      </Alert>
    );
  }
  if (content.data.length > MaxShownChars) {
    return <Alert kind="info">This document is too large to show here; open the original instead.</Alert>;
  }
  return kind === 'text' ? <PlainText text={content.data} quote={quote} /> : <Rendered kind={kind} source={content.data} section={section} headingPath={headingPath} />;
}

function Rendered({ kind, source, section, headingPath }: { kind: 'markdown' | 'html'; source: string; section: string; headingPath: string | null }) {
  const body = useRef<HTMLDivElement>(null);
  const html = useMemo(() => renderOriginal(kind, source), [kind, source]);

  useEffect(() => {
    const target = section && body.current ? findSection(body.current, section, headingPath) : null;
    if (!target) return;
    target.classList.add('is-cited');
    target.tabIndex = -1;
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
    return () => target.classList.remove('is-cited');
  }, [html, section, headingPath]);

  return (
    <section className="original-body" aria-label="Document text" ref={body}>
      {/* Sanitised by DOMPurify with the document allow-list (chat/markdown.ts sanitizeDocument). */}
      <div dangerouslySetInnerHTML={{ __html: html }} />
    </section>
  );
}

function PlainText({ text, quote }: { text: string; quote: string | null }) {
  const mark = useRef<HTMLElement>(null);
  const found = useMemo(() => (quote ? findQuote(text, quote) : null), [text, quote]);

  useEffect(() => {
    mark.current?.scrollIntoView({ block: 'center' });
  }, [found]);

  return (
    <section className="original-body" aria-label="Document text">
      <pre className="original-text">
        {found ? (
          <>
            {text.slice(0, found.start)}
            <mark className="is-cited" ref={mark}>
              {text.slice(found.start, found.end)}
            </mark>
            {text.slice(found.end)}
          </>
        ) : (
          text
        )}
      </pre>
    </section>
  );
}
