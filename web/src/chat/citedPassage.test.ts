import { describe, expect, it } from 'vitest';
import { citedPassage } from './citedPassage';

const passage = 'Premiums are shared. Dental care is reimbursed. FlexFit gives every employee 600 EUR per year. Sports clothing is not covered.';
const start = passage.indexOf('FlexFit');
const length = 'FlexFit gives every employee 600 EUR per year.'.length;

describe('citedPassage', () => {
  it('marks exactly the cited sentence and keeps the text around it', () => {
    const shown = citedPassage(passage, [{ start, length, page: 3 }], true)!;

    expect(shown.segments.filter((s) => s.cited).map((s) => s.text)).toEqual(['FlexFit gives every employee 600 EUR per year.']);
    expect(shown.segments.map((s) => s.text).join('')).toBe(passage);
    expect(shown.clippedBefore || shown.clippedAfter).toBe(false);
  });

  it('collapsed, shows the cited sentence with a little context cut at word boundaries', () => {
    const shown = citedPassage(passage, [{ start, length }], false, 12)!;
    const text = shown.segments.map((s) => s.text).join('');

    expect(text).toContain('FlexFit gives every employee 600 EUR per year.');
    expect(text.length).toBeLessThan(passage.length);
    expect(shown.clippedBefore).toBe(true);
    expect(shown.clippedAfter).toBe(true);
    expect(passage).toContain(text);
  });

  it('merges overlapping ranges and ignores ones outside the passage', () => {
    const shown = citedPassage(passage, [{ start, length }, { start: start + 5, length: 10 }, { start: 5000, length: 3 }, { start: -1, length: 4 }], true)!;

    expect(shown.segments.filter((s) => s.cited)).toHaveLength(1);
  });

  it('has nothing to highlight without a usable range', () => {
    expect(citedPassage(passage, [], false)).toBeNull();
    expect(citedPassage(passage, [{ start: 900, length: 4 }], false)).toBeNull();
  });
});
