import type { CitedSentence } from './types';

export interface Segment {
  text: string;
  cited: boolean;
}

export interface CitedPassage {
  segments: Segment[];
  /** Text of the passage left out before / after the shown window (collapsed view only). */
  clippedBefore: boolean;
  clippedAfter: boolean;
}

/** Valid, ordered, non-overlapping ranges inside the passage (stored answers and bad input are tolerated). */
function ranges(passage: string, sentences: readonly CitedSentence[]): Array<[number, number]> {
  const valid = sentences
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.length) && s.start >= 0 && s.length > 0 && s.start < passage.length)
    .map((s): [number, number] => [s.start, Math.min(passage.length, s.start + s.length)])
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of valid) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/**
 * The passage cut into plain and cited parts. Collapsed, only the cited sentences and about `context`
 * characters around them are kept (cut at a word boundary); expanded, the whole passage.
 * No usable range: null (show the snippet instead).
 */
export function citedPassage(passage: string, sentences: readonly CitedSentence[], expanded: boolean, context = 160): CitedPassage | null {
  const marked = ranges(passage, sentences);
  const first = marked[0];
  const last = marked[marked.length - 1];
  if (!first || !last) return null;

  let from = 0;
  let to = passage.length;
  if (!expanded) {
    from = Math.max(0, first[0] - context);
    to = Math.min(passage.length, last[1] + context);
    if (from > 0) from = Math.min(first[0], nextBoundary(passage, from));
    if (to < passage.length) to = Math.max(last[1], previousBoundary(passage, to));
  }

  const segments: Segment[] = [];
  let at = from;
  for (const [start, end] of marked) {
    if (start > at) segments.push({ text: passage.slice(at, start), cited: false });
    segments.push({ text: passage.slice(start, end), cited: true });
    at = end;
  }
  if (to > at) segments.push({ text: passage.slice(at, to), cited: false });
  return { segments, clippedBefore: from > 0, clippedAfter: to < passage.length };
}

function nextBoundary(text: string, i: number): number {
  const space = text.slice(i).search(/\s/);
  return space < 0 ? i : i + space + 1;
}

function previousBoundary(text: string, i: number): number {
  const space = text.lastIndexOf(' ', i);
  return space < 0 ? i : space;
}
