import type { DocumentView, ProgressMessage, UploadItem } from './types';

/** One file the admin dropped, from the browser's upload to the server's answer. */
export interface UploadEntry {
  key: string;
  fileName: string;
  size: number;
  phase: 'waiting' | 'uploading' | 'accepted' | 'rejected' | 'failed';
  /** Bytes sent, 0–100. */
  percent: number;
  message: string | null;
  documentId: string | null;
}

export interface DocumentsState {
  documents: DocumentView[];
  uploads: UploadEntry[];
}

export type DocumentsAction =
  | { type: 'loaded'; documents: DocumentView[] }
  | { type: 'upload-queued'; files: { key: string; fileName: string; size: number }[] }
  | { type: 'upload-progress'; key: string; loaded: number; total: number }
  | { type: 'upload-accepted'; key: string; items: UploadItem[] }
  | { type: 'upload-failed'; key: string; message: string }
  | { type: 'upload-dismissed'; key: string }
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

function updateUpload(state: DocumentsState, key: string, change: (u: UploadEntry) => UploadEntry): DocumentsState {
  return { ...state, uploads: state.uploads.map((u) => (u.key === key ? change(u) : u)) };
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
      return {
        ...state,
        uploads: [
          ...action.files.map((f) => ({ ...f, phase: 'waiting' as const, percent: 0, message: null, documentId: null })),
          ...state.uploads,
        ],
      };
    case 'upload-progress': {
      const percent = action.total > 0 ? Math.min(100, Math.round((action.loaded / action.total) * 100)) : 0;
      return updateUpload(state, action.key, (u) => ({ ...u, phase: 'uploading', percent }));
    }
    case 'upload-accepted': {
      const item = action.items[0];
      const rejected = !item || item.outcome === 'rejected' || !item.documentId;
      const next = updateUpload(state, action.key, (u) => ({
        ...u,
        phase: rejected ? 'rejected' : 'accepted',
        percent: 100,
        documentId: item?.documentId ?? null,
        message: item?.reason ?? (item?.outcome === 'duplicate' ? 'Already in the knowledge base.' : null),
      }));
      // Accepted files appear in the table at once; their progress events and details follow.
      const fresh = action.items.filter((i) => i.documentId && !next.documents.some((d) => d.id === i.documentId));
      return {
        ...next,
        documents: [...fresh.map((i) => placeholder(i.documentId!, i.fileName, i.status ?? 'queued')), ...next.documents],
      };
    }
    case 'upload-failed':
      return updateUpload(state, action.key, (u) => ({ ...u, phase: 'failed', message: action.message }));
    case 'upload-dismissed':
      return { ...state, uploads: state.uploads.filter((u) => u.key !== action.key) };
    case 'progress': {
      const m = action.message;
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
