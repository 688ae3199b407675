import type { Http, Page, UploadHandle, UploadProgress } from '../../shared/http';
import { pagedUrl } from '../../shared/Pager';
import type { DocumentView, UploadItem } from './types';

const base = '/api/documents';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

/** One page of documents, newest change first, with the total (X-Total-Count). */
export function listDocuments(http: Http, offset: number, limit: number): Promise<Page<DocumentView>> {
  return http.getPage<DocumentView>(pagedUrl(base, offset, limit));
}

export function getDocument(http: Http, id: string): Promise<DocumentView> {
  return http.get<DocumentView>(one(id));
}

export function updateDocument(http: Http, id: string, change: { collection?: string; groups?: string[] }): Promise<DocumentView> {
  return http.patch<DocumentView>(one(id), change);
}

export function deleteDocument(http: Http, id: string): Promise<void> {
  return http.delete(one(id));
}

export function reingestDocument(http: Http, id: string): Promise<void> {
  return http.post<void>(`${one(id)}/reingest`);
}

/** The server answers `[UploadItem]` (docs/api.md) or `{documents: [UploadItem]}`; both are read. */
export function uploadItems(body: unknown): UploadItem[] {
  if (Array.isArray(body)) return body as UploadItem[];
  const documents = (body as { documents?: unknown } | null)?.documents;
  return Array.isArray(documents) ? (documents as UploadItem[]) : [];
}

/** Uploads one file (one request per file, so each has its own progress bar). */
export function uploadFile(
  http: Http,
  file: File,
  fields: { collection: string; groups: string[] },
  onProgress: (p: UploadProgress) => void,
): UploadHandle<UploadItem[]> {
  const form = new FormData();
  form.append('files', file, file.name);
  if (fields.collection) form.append('collection', fields.collection);
  if (fields.groups.length > 0) form.append('groups', fields.groups.join(','));
  const handle = http.upload<unknown>(base, form, onProgress);
  return { result: handle.result.then(uploadItems), abort: handle.abort };
}
