import type { DocumentView, ProgressMessage } from './types';
import { isSettled, newUploadRow, reduceUploadRow, type UploadEvent, type UploadRow } from './uploadRow';

export interface DocumentsState {
  documents: DocumentView[];
  uploads: UploadRow[];
}

export type DocumentsAction =
  | { type: 'loaded'; documents: DocumentView[] }
  | { type: 'upload-queued'; files: { key: string; fileName: string; size: number }[] }
  | { type: 'upload'; key: string; event: UploadEvent }
  | { type: 'upload-dismissed'; key: string }
  | { type: 'uploads-cleared' }
  | { type: 'progress'; message: ProgressMessage }
  | { type: 'document'; document: DocumentView }
  | { type: 'removed'; id: string };

export const initialDocuments: DocumentsState = { documents: [], uploads: [] };

const Terminal = new Set(['ready', 'failed']);

export function isIngesting(d: DocumentView): boolean {
  return !Terminal.has(d.status);
}

/** The ingestion progress to show (0–100): the latest job's while it runs. */
export function ingestionPercent(d: DocumentView): number {
  if (d.status === 'ready') return 100;
  return Math.max(0, Math.min(100, d.latestJob?.progress ?? 0));
}

/** Why a document failed: its own error, else its latest job's. */
export function failureReason(d: DocumentView): string | null {
  return d.error ?? d.latestJob?.lastError ?? null;
}

function updateUploads(state: DocumentsState, match: (u: UploadRow) => boolean, event: UploadEvent): DocumentsState {
  return state.uploads.some(match) ? { ...state, uploads: state.uploads.map((u) => (match(u) ? reduceUploadRow(u, event) : u)) } : state;
}

/** A placeholder row for a document the table has not fetched yet (its details follow). */
function placeholder(id: string, fileName: string, status: string): DocumentView {
  const now = new Date().toISOString();
  return {
    id,
    title: fileName,
    sourceName: fileName,
    contentType: '',
    status,
    error: null,
    collection: '',
    accessGroups: [],
    pageCount: null,
    chunkCount: 0,
    sizeBytes: 0,
    version: 1,
    warnings: [],
    createdAt: now,
    updatedAt: now,
    latestJob: null,
  };
}

export function documentsReducer(state: DocumentsState, action: DocumentsAction): DocumentsState {
  switch (action.type) {
    case 'loaded':
      return { ...state, documents: action.documents };
    case 'upload-queued':
      // Newest first, so a new batch shows at the top of the list.
      return { ...state, uploads: [...action.files.map((f) => newUploadRow(f.key, f.fileName, f.size)), ...state.uploads] };
    case 'upload': {
      const next = updateUploads(state, (u) => u.key === action.key, action.event);
      if (action.event.type !== 'accepted') return next;
      // An accepted file appears in the table at once; its progress events and details follow.
      const item = action.event.item;
      const fresh = item?.documentId && item.outcome !== 'rejected' && !next.documents.some((d) => d.id === item.documentId);
      return fresh ? { ...next, documents: [placeholder(item.documentId!, item.fileName, item.status ?? 'queued'), ...next.documents] } : next;
    }
    case 'upload-dismissed':
      return { ...state, uploads: state.uploads.filter((u) => u.key !== action.key) };
    case 'uploads-cleared':
      return { ...state, uploads: state.uploads.filter((u) => !isSettled(u)) };
    case 'progress': {
      const m = action.message;
      state = updateUploads(state, (u) => u.documentId === m.documentId, { type: 'ingestion', status: m.status, progress: m.progress, error: m.error });
      const exists = state.documents.some((d) => d.id === m.documentId);
      const apply = (d: DocumentView): DocumentView => ({
        ...d,
        status: m.status,
        error: m.status === 'failed' ? (m.error ?? d.error) : null,
        latestJob: {
          id: m.jobId,
          status: m.status === 'failed' ? 'failed' : m.status === 'ready' ? 'done' : 'running',
          stage: m.stage ?? m.status,
          progress: m.progress,
          attempts: d.latestJob?.id === m.jobId ? d.latestJob.attempts : 0,
          lastError: m.error,
          sourceName: m.sourceName ?? d.latestJob?.sourceName ?? d.sourceName,
        },
      });
      if (!exists) {
        return { ...state, documents: [apply(placeholder(m.documentId, m.sourceName ?? 'New document', m.status)), ...state.documents] };
      }
      return { ...state, documents: state.documents.map((d) => (d.id === m.documentId ? apply(d) : d)) };
    }
    case 'document': {
      state = updateUploads(state, (u) => u.documentId === action.document.id, { type: 'document', document: action.document });
      const exists = state.documents.some((d) => d.id === action.document.id);
      return {
        ...state,
        documents: exists
          ? state.documents.map((d) => (d.id === action.document.id ? action.document : d))
          : [action.document, ...state.documents],
      };
    }
    case 'removed':
      return { ...state, documents: state.documents.filter((d) => d.id !== action.id) };
    default:
      return state;
  }
}
