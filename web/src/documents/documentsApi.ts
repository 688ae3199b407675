import type { Http } from '../shared/http';

/** GET /api/library/documents/{id}: a document the reader may open (404 when they may not). */
export interface ReadableDocument {
  id: string;
  title: string;
  sourceName: string;
  contentType: string;
  collection: string;
  pageCount: number | null;
  updatedAt: string;
}

export function getReadableDocument(http: Http, id: string): Promise<ReadableDocument> {
  return http.get<ReadableDocument>(`/api/library/documents/${encodeURIComponent(id)}`);
}

/** The original file; PDF viewers honour #page=N. */
export function contentUrl(id: string, page?: number | null): string {
  const base = `/api/documents/${encodeURIComponent(id)}/content`;
  return page ? `${base}#page=${page}` : base;
}

/** The app's page for a document (documents/OriginalPage), where Markdown, HTML and text originals are shown. */
export function documentPageUrl(id: string): string {
  return `/documents/${encodeURIComponent(id)}`;
}
