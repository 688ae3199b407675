import { describe, expect, it } from 'vitest';
import { chooseSuggestions, coverQuestion, type LibrarySummary } from './library';

const summary = (over: Partial<LibrarySummary> = {}): LibrarySummary => ({
  documents: 6,
  collections: [{ name: 'default', documents: 6, lastUpdated: '2026-11-29T09:00:00Z' }],
  lastUpdated: '2026-11-29T09:00:00Z',
  recentDocuments: [
    { id: 'faq', title: 'Onboarding FAQ' },
    { id: 'sec', title: 'IT Security Policy' },
    { id: 'eng', title: 'Engineering Onboarding Guide' },
    { id: 'trv', title: 'The Travel Policy' },
  ],
  suggestions: [
    { question: 'When is salary paid?', documentId: 'faq', title: 'Onboarding FAQ' },
    { question: 'How do I get IT help?', documentId: 'faq', title: 'Onboarding FAQ' },
    { question: 'What does the IT Security Policy say about passwords?', documentId: 'sec', title: 'IT Security Policy' },
  ],
  ...over,
});

describe('suggested questions', () => {
  it('takes one server question per document, then falls back to title questions for uncovered documents', () => {
    expect(chooseSuggestions(summary()).map((s) => s.question)).toEqual([
      'When is salary paid?',
      'What does the IT Security Policy say about passwords?',
      'What does the Engineering Onboarding Guide cover?',
      'What does The Travel Policy cover?',
    ]);
  });

  it('uses a second question from the same document only when nothing else is left', () => {
    const s = summary({ recentDocuments: [{ id: 'faq', title: 'Onboarding FAQ' }, { id: 'sec', title: 'IT Security Policy' }] });
    expect(chooseSuggestions(s).map((x) => x.question)).toEqual([
      'When is salary paid?',
      'What does the IT Security Policy say about passwords?',
      'How do I get IT help?',
    ]);
  });

  it('falls back to title questions alone when the server found no questions in the documents', () => {
    expect(chooseSuggestions(summary({ suggestions: [] }), 2).map((s) => s.question)).toEqual([
      'What does the Onboarding FAQ cover?',
      'What does the IT Security Policy cover?',
    ]);
  });

  it('offers nothing when the reader can read no document, or the summary is unavailable', () => {
    expect(chooseSuggestions(summary({ documents: 0, recentDocuments: [], suggestions: [] }))).toEqual([]);
    expect(chooseSuggestions(null)).toEqual([]);
    expect(chooseSuggestions(undefined)).toEqual([]);
  });

  it('never repeats a question and skips blank ones', () => {
    const s = summary({
      recentDocuments: [],
      suggestions: [
        { question: ' ', documentId: 'x', title: 'X' },
        { question: 'Same?', documentId: 'a', title: 'A' },
        { question: 'Same?', documentId: 'b', title: 'B' },
      ],
    });
    expect(chooseSuggestions(s).map((x) => x.question)).toEqual(['Same?']);
    expect(coverQuestion('  An Overview ')).toBe('What does An Overview cover?');
  });
});
