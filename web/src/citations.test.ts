import { describe, expect, it } from 'vitest';
import { formatCitationLabel, formatPageLabel, splitAnswer, type AnswerSegment } from './citations';

describe('formatPageLabel', () => {
  it('is empty when the start page is unknown', () => {
    expect(formatPageLabel(null, null)).toBe('');
    expect(formatPageLabel(null, 4)).toBe('');
  });

  it('shows a single page when there is no end page or it equals the start', () => {
    expect(formatPageLabel(3, null)).toBe('p. 3');
    expect(formatPageLabel(3, 3)).toBe('p. 3');
  });

  it('shows a range with an en dash when the end page is after the start', () => {
    expect(formatPageLabel(3, 5)).toBe('pp. 3\u20135');
  });

  it('ignores an end page before the start page', () => {
    expect(formatPageLabel(7, 2)).toBe('p. 7');
  });
});

describe('formatCitationLabel', () => {
  it('formats "[n] Title — p. X"', () => {
    expect(formatCitationLabel({ number: 2, title: 'Handbook', startPage: 4, endPage: null })).toBe('[2] Handbook \u2014 p. 4');
  });

  it('uses "pp." for ranges', () => {
    expect(formatCitationLabel({ number: 1, title: 'Policy', startPage: 1, endPage: 2 })).toBe('[1] Policy \u2014 pp. 1\u20132');
  });

  it('omits the page part when the page is unknown', () => {
    expect(formatCitationLabel({ number: 3, title: 'Notes.md', startPage: null, endPage: null })).toBe('[3] Notes.md');
  });
});

const text = (t: string): AnswerSegment => ({ kind: 'text', text: t });
const cite = (n: number): AnswerSegment => ({ kind: 'cite', number: n, raw: `[${n}]` });

describe('splitAnswer', () => {
  it('returns one text segment when there are no markers', () => {
    expect(splitAnswer('Plain answer.')).toEqual([text('Plain answer.')]);
  });

  it('returns nothing for empty text', () => {
    expect(splitAnswer('')).toEqual([]);
  });

  it('splits markers out of the text', () => {
    expect(splitAnswer('Refunds take 14 days [1]. Exchanges are free [2].')).toEqual([
      text('Refunds take 14 days '),
      cite(1),
      text('. Exchanges are free '),
      cite(2),
      text('.'),
    ]);
  });

  it('handles adjacent and multi-number markers', () => {
    expect(splitAnswer('A[1][2] B [1, 3]')).toEqual([text('A'), cite(1), cite(2), text(' B '), cite(1), cite(3)]);
  });

  it('keeps a partial marker (split across tokens) as text until it closes', () => {
    const tokens = ['Refunds take 14 days ', '[', '1', ']', '.'];
    let acc = '';
    const seen: AnswerSegment[][] = [];
    for (const t of tokens) {
      acc += t;
      seen.push(splitAnswer(acc));
    }
    expect(seen[1]).toEqual([text('Refunds take 14 days [')]);
    expect(seen[2]).toEqual([text('Refunds take 14 days [1')]);
    expect(seen[3]).toEqual([text('Refunds take 14 days '), cite(1)]);
    expect(seen[4]).toEqual([text('Refunds take 14 days '), cite(1), text('.')]);
  });

  it('never loses characters: the segments re-join to the original text', () => {
    const s = 'x [1] y [a] z [12 [3]] [] [0] end';
    const joined = splitAnswer(s)
      .map((seg) => (seg.kind === 'text' ? seg.text : seg.raw))
      .join('');
    expect(joined).toBe(s);
  });

  it('does not treat non-numeric or zero brackets as markers', () => {
    expect(splitAnswer('see [a] and [0] and [x1]')).toEqual([text('see [a] and [0] and [x1]')]);
  });

  it('only links numbers known from retrieval when a set is given', () => {
    const known = new Set([1, 2]);
    expect(splitAnswer('A [1] B [7] C [1, 7]', known)).toEqual([text('A '), cite(1), text(' B [7] C [1, 7]')]);
  });
});
