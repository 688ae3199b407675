import type { Citation } from './types';

/**
 * Page label for a citation: "p. 3", "pp. 3–5" (en dash) when the passage
 * spans pages, or "" when the page is unknown.
 */
export function formatPageLabel(startPage: number | null | undefined, endPage: number | null | undefined): string {
  if (startPage === null || startPage === undefined || !Number.isFinite(startPage)) return '';
  if (endPage !== null && endPage !== undefined && Number.isFinite(endPage) && endPage > startPage) {
    return `pp. ${startPage}\u2013${endPage}`;
  }
  return `p. ${startPage}`;
}

/** "[n] Title — p. X" (the page part is omitted when unknown). */
export function formatCitationLabel(c: Pick<Citation, 'number' | 'title' | 'startPage' | 'endPage'>): string {
  const title = c.title.trim() || 'Untitled';
  const page = formatPageLabel(c.startPage, c.endPage);
  return page ? `[${c.number}] ${title} \u2014 ${page}` : `[${c.number}] ${title}`;
}

export type AnswerSegment =
  | { kind: 'text'; text: string }
  | { kind: 'cite'; number: number; raw: string };

// "[1]", "[12]", "[1, 2]", "[1,2,3]" — numbers 1..999.
const MARKER = /\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]/g;

/**
 * Splits answer text into plain text and citation-marker segments.
 *
 * Works on the *accumulated* answer text, so a marker split across stream
 * tokens ("… [" + "2] …") is recognised once its closing bracket arrives;
 * until then the partial marker is kept as plain text (nothing is lost).
 *
 * When `known` is given, only numbers present in it become citation
 * segments; a marker containing an unknown number stays plain text.
 * Adjacent text is merged, so segments alternate cleanly.
 */
export function splitAnswer(text: string, known?: ReadonlySet<number>): AnswerSegment[] {
  const out: AnswerSegment[] = [];
  const pushText = (t: string): void => {
    if (!t) return;
    const last = out[out.length - 1];
    if (last && last.kind === 'text') last.text += t;
    else out.push({ kind: 'text', text: t });
  };

  let pos = 0;
  for (const m of text.matchAll(MARKER)) {
    const start = m.index ?? 0;
    const raw = m[0];
    const numbers = (m[1] ?? '').split(',').map((s) => Number.parseInt(s.trim(), 10));
    const valid = numbers.every((n) => n >= 1 && (!known || known.has(n)));
    pushText(text.slice(pos, start));
    if (valid) {
      for (const n of numbers) out.push({ kind: 'cite', number: n, raw: `[${n}]` });
    } else {
      pushText(raw);
    }
    pos = start + raw.length;
  }
  pushText(text.slice(pos));
  return out;
}
