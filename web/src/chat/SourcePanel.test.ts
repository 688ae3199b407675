import { describe, expect, it } from 'vitest';
import { openLabel, openPage, sourceUrl } from './SourcePanel';

describe('source link', () => {
  const passage = { documentId: 'd 1', startPage: 2, endPage: 4 };

  it('opens at the page where the best match starts, not the first page of the widened passage', () => {
    expect(openPage({ ...passage, page: 3 })).toBe(3);
    expect(sourceUrl({ ...passage, page: 3 })).toBe('/api/documents/d%201/content#page=3');
  });

  it('falls back to the first page for answers stored before citations had a page, and to no fragment without pages', () => {
    expect(sourceUrl(passage)).toBe('/api/documents/d%201/content#page=2');
  });
});

describe('open link', () => {
  it('opens a PDF file at its page and a Markdown source on its document page at its section', () => {
    expect(openLabel({ startPage: 2, page: 3 })).toBe('Open at page 3');
    const markdown = { documentId: 'd1', startPage: null, page: null, anchor: 'parental-leave' };
    expect(openLabel(markdown)).toBe('Open at section');
    expect(sourceUrl(markdown)).toBe('/documents/d1#parental-leave');
    expect(sourceUrl({ ...markdown, anchor: 'über-uns' })).toBe('/documents/d1#%C3%BCber-uns');
    // With its heading path, so a repeated heading ("Eligibility" under every policy) is told apart.
    expect(sourceUrl({ ...markdown, headingPath: 'Handbook > Leave > Parental leave' })).toBe(
      '/documents/d1?section=Handbook%20%3E%20Leave%20%3E%20Parental%20leave#parental-leave',
    );
    expect(openLabel({ startPage: null, page: null })).toBe('Open original document');
    expect(sourceUrl({ documentId: 'd1', startPage: null, page: null })).toBe('/documents/d1');
  });

  it('opens a text source at the quoted words as a parameter (browsers hide a :~:text fragment from the page)', () => {
    const text = { documentId: 'd1', startPage: null, page: null, anchor: ':~:text=Come%20to%20the%20main%20reception' };
    expect(openLabel(text)).toBe('Open at the cited text');
    expect(sourceUrl(text)).toBe('/documents/d1?text=Come%20to%20the%20main%20reception');
  });
});
