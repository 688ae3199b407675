import type { GuardrailEvent } from './types';

/** Private-use characters that bracket a flagged sentence in the Markdown source; markdown.ts turns them into a marker. */
export const UnsupportedOpen = '\uE000';
export const CitationOpen = '\uE001';
export const MarkerClose = '\uE002';
const Sentinels = /[\uE000-\uE002]/g;

/** The groundedness rules whose flags mark a sentence of the answer. */
const MarkedRules: Record<string, string> = {
  groundedness: UnsupportedOpen,
  'citation.unsupported': CitationOpen,
};

// What opens a line of Markdown without being part of its sentence: indentation, a bullet or number, a heading, a quote.
const LinePrefix = /^\s*(?:>\s*)*(?:[-*+•]\s+|\d{1,3}[.)]\s+|#{1,6}\s+)?/;

/**
 * The answer text with each sentence a groundedness rule flagged bracketed by sentinels (by the flag's start/length,
 * which count characters of the answer as delivered). A sentence spanning lines is marked line by line, after each
 * line's bullet or heading marks, so Markdown still sees its lists. Flags outside the text, overlapping an earlier
 * one or of other rules are ignored; sentinels the model itself wrote are neutralised first.
 */
export function markUnsupported(text: string, guardrails: readonly GuardrailEvent[]): string {
  const clean = text.replace(Sentinels, '\uFFFD');
  const spans: [number, number, string][] = [];
  for (const g of guardrails) {
    const open = MarkedRules[g.rule];
    if (!open || g.action !== 'flag' || g.target !== 'answer' || !Number.isInteger(g.start) || !Number.isInteger(g.length)) continue;
    const start = g.start as number;
    const end = Math.min(clean.length, start + (g.length as number));
    if (start < 0 || start >= end) continue;
    let lineStart = start;
    for (const line of clean.slice(start, end).split('\n')) {
      // A table row is left as it is: a marker inside it would break the table (the note under the answer still says).
      if (TableRow.test(line) || TableRow.test(lineOf(clean, lineStart))) {
        lineStart += line.length + 1;
        continue;
      }
      const prefix = lineStart === start && !atLineStart(clean, start) ? 0 : (LinePrefix.exec(line)?.[0].length ?? 0);
      const body = line.slice(prefix).trimEnd();
      if (body.length > 0) spans.push([lineStart + prefix, lineStart + prefix + body.length, open]);
      lineStart += line.length + 1;
    }
  }

  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end, open] of spans) {
    if (start < at) continue;
    out += clean.slice(at, start) + open + clean.slice(start, end) + MarkerClose;
    at = end;
  }
  return out + clean.slice(at);
}

const TableRow = /^\s*\|/;

/** The whole line <index> is on. */
function lineOf(text: string, index: number): string {
  const from = text.lastIndexOf('\n', index - 1) + 1;
  const to = text.indexOf('\n', index);
  return text.slice(from, to < 0 ? text.length : to);
}

function atLineStart(text: string, index: number): boolean {
  return index === 0 || text[index - 1] === '\n';
}
