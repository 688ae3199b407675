import { formatNumber } from './format';

interface Props {
  /** What is paged, for the navigation's name ("Documents pages"). */
  label: string;
  offset: number;
  pageSize: number;
  total: number;
  onOffset(offset: number): void;
}

/** "1–25 of 134" with Previous / Next; nothing when everything fits on one page. */
export function Pager({ label, offset, pageSize, total, onOffset }: Props) {
  if (total <= pageSize && offset === 0) return null;
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(total, offset + pageSize);
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <span className="muted small" role="status">
        {formatNumber(first)}–{formatNumber(last)} of {formatNumber(total)}
      </span>
      <button type="button" className="btn btn-secondary btn-small" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - pageSize))}>
        Previous
      </button>
      <button type="button" className="btn btn-secondary btn-small" disabled={last >= total} onClick={() => onOffset(offset + pageSize)}>
        Next
      </button>
    </nav>
  );
}

/** `?offset=…&limit=…` appended to `url` (which may already have a query). */
export function pagedUrl(url: string, offset: number, limit: number): string {
  return `${url}${url.includes('?') ? '&' : '?'}offset=${offset}&limit=${limit}`;
}
