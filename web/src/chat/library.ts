import type { Http } from '../shared/http';

// GET /api/library (docs/api.md "Library"): what the signed-in reader's groups may read.

export interface CollectionSummary {
  name: string;
  documents: number;
  lastUpdated: string;
}

export interface Suggestion {
  question: string;
  documentId: string;
  title: string;
}

export interface LibrarySummary {
  documents: number;
  collections: CollectionSummary[];
  lastUpdated: string | null;
  recentDocuments: { id: string; title: string }[];
  suggestions: Suggestion[];
}

export function getLibrary(http: Http): Promise<LibrarySummary> {
  return http.get<LibrarySummary>('/api/library');
}

export const MaxSuggestions = 4;

/** "What does the Travel Policy cover?": the question any document answers. */
export function coverQuestion(title: string): string {
  const name = title.trim();
  return `What does ${/^(the|a|an)\s/i.test(name) ? name : `the ${name}`} cover?`;
}

/**
 * The questions to offer, from documents the reader can read: the server's (drawn from the documents'
 * own questions and sections), one per document first so they cover as many documents as possible;
 * documents the server found nothing in fall back to a question about their title; only then a
 * second question from the same document. Nothing when the reader can read nothing.
 */
export function chooseSuggestions(summary: LibrarySummary | null | undefined, max = MaxSuggestions): Suggestion[] {
  if (!summary || summary.documents <= 0) return [];
  const server = (summary.suggestions ?? []).filter((s) => s.question?.trim());
  const firsts: Suggestion[] = [];
  const rest: Suggestion[] = [];
  const covered = new Set<string>();
  for (const s of server) {
    if (covered.has(s.documentId)) rest.push(s);
    else {
      covered.add(s.documentId);
      firsts.push(s);
    }
  }
  const fallbacks = (summary.recentDocuments ?? [])
    .filter((d) => d.title?.trim() && !covered.has(d.id))
    .map((d) => ({ question: coverQuestion(d.title), documentId: d.id, title: d.title }));
  const seen = new Set<string>();
  return [...firsts, ...fallbacks, ...rest].filter((s) => !seen.has(s.question) && !!seen.add(s.question)).slice(0, max);
}
