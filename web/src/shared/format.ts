/** "p. 3", "pp. 3–5" when a passage spans pages, "" when the page is unknown. */
export function formatPageLabel(startPage: number | null | undefined, endPage: number | null | undefined): string {
  if (startPage === null || startPage === undefined || !Number.isFinite(startPage)) return '';
  if (endPage !== null && endPage !== undefined && Number.isFinite(endPage) && endPage > startPage) {
    return `pp. ${startPage}\u2013${endPage}`;
  }
  return `p. ${startPage}`;
}

export function formatLatency(ms: number): string {
  const rounded = Math.max(0, Math.round(ms));
  return rounded < 10_000 ? `${rounded} ms` : `${(rounded / 1000).toFixed(1)} s`;
}

export function formatCost(cost: number): string {
  if (!Number.isFinite(cost)) return '';
  return cost < 0.01 && cost > 0 ? `$${cost.toFixed(4)}` : `$${cost.toFixed(2)}`;
}

export function formatNumber(n: number): string {
  return Number.isFinite(n) ? n.toLocaleString('en-US') : '';
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A date as YYYY-MM-DD (UTC), as date inputs and the report endpoints take it. */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** "a, b, c" → ["a", "b", "c"] (trimmed, empty and duplicate names dropped). */
export function parseList(value: string): string[] {
  return [...new Set(value.split(',').map((s) => s.trim()).filter(Boolean))];
}
