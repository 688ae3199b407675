import { formatPageLabel } from '../shared/format';
import type { Citation } from './types';

interface Props {
  citations: Citation[];
  cited?: number[] | undefined;
  id?: string;
  selected: number | null;
  onOpen(number: number): void;
}

/** The retrieved sources, shown as soon as retrieval finishes; each opens the source panel. */
export function CitationList({ citations, cited, id, selected, onOpen }: Props) {
  if (citations.length === 0) return <p className="muted small">No matching passages were found in your documents.</p>;
  const citedSet = cited && cited.length > 0 ? new Set(cited) : null;
  return (
    <ol className="citations" id={id} aria-label="Sources">
      {citations.map((c) => {
        const page = formatPageLabel(c.startPage, c.endPage);
        return (
          <li key={c.number} className={citedSet && !citedSet.has(c.number) ? 'is-uncited' : undefined}>
            <button
              type="button"
              className="citation"
              aria-pressed={selected === c.number}
              onClick={() => onOpen(c.number)}
            >
              <span className="citation-number">[{c.number}]</span>
              <span className="citation-title">{c.title.trim() || c.sourceName || 'Untitled'}</span>
              {page && <span className="citation-page">{' \u2014 '}{page}</span>}
            </button>
          </li>
        );
      })}
    </ol>
  );
}
