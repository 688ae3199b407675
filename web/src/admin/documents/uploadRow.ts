import { ApiError, errorText } from '../../shared/problem';
import type { DocumentView, UploadItem } from './types';

/**
 * One dropped file, kept in view from the browser's upload to the end of its ingestion:
 * waiting → uploading → queued → parsing → chunking → embedding → ready, or failed (with the reason),
 * or "unchanged" when the same bytes are already in the knowledge base.
 */
export type UploadStage = 'waiting' | 'uploading' | 'queued' | 'parsing' | 'chunking' | 'embedding' | 'ready' | 'failed' | 'unchanged';

export interface UploadRow {
  key: string;
  fileName: string;
  size: number;
  stage: UploadStage;
  /** 0–100: bytes sent while uploading, then the ingestion job's progress. */
  percent: number;
  documentId: string | null;
  /** The document's title once known (from its details). */
  title: string | null;
  /** What the server made of the file: a new document, a new version of one, or nothing new. */
  outcome: 'new' | 'newversion' | 'unchanged' | null;
  error: string | null;
}

export type UploadEvent =
  | { type: 'sent'; loaded: number; total: number }
  | { type: 'accepted'; item: UploadItem | undefined }
  | { type: 'refused'; message: string }
  /** Live status of its document (hub `progress`, or fetched details). */
  | { type: 'ingestion'; status: string; progress: number; error: string | null }
  | { type: 'document'; document: DocumentView };

const Order: Record<UploadStage, number> = {
  waiting: 0,
  uploading: 1,
  queued: 2,
  parsing: 3,
  chunking: 4,
  embedding: 5,
  ready: 6,
  failed: 6,
  unchanged: 6,
};

const IngestionStages = new Set<string>(['queued', 'parsing', 'chunking', 'embedding', 'ready', 'failed']);

export function newUploadRow(key: string, fileName: string, size: number): UploadRow {
  return { key, fileName, size, stage: 'waiting', percent: 0, documentId: null, title: null, outcome: null, error: null };
}

export function isSettled(row: UploadRow): boolean {
  return Order[row.stage] === Order.ready;
}

const clamp = (n: number) => Math.max(0, Math.min(100, Math.round(Number.isFinite(n) ? n : 0)));

/** Moves only forward: a late "queued" after "parsing" (events cross on the wire) changes nothing; a settled row stays. */
function advance(row: UploadRow, status: string, progress: number, error: string | null): UploadRow {
  if (!IngestionStages.has(status) || isSettled(row)) return row;
  const stage = status as UploadStage;
  if (Order[stage] < Order[row.stage]) return row;
  return {
    ...row,
    stage,
    percent: stage === 'ready' ? 100 : stage === 'queued' ? 0 : Math.max(Order[stage] === Order[row.stage] ? row.percent : 0, clamp(progress)),
    error: stage === 'failed' ? plainReason(error) : null,
  };
}

export function reduceUploadRow(row: UploadRow, event: UploadEvent): UploadRow {
  switch (event.type) {
    case 'sent':
      if (Order[row.stage] > Order.uploading) return row;
      return { ...row, stage: 'uploading', percent: event.total > 0 ? clamp((event.loaded / event.total) * 100) : 0 };
    case 'accepted': {
      const item = event.item;
      if (!item || item.outcome === 'rejected' || !item.documentId) {
        return { ...row, stage: 'failed', percent: 0, error: plainReason(item?.reason ?? null) };
      }
      const documentId = item.documentId;
      if (item.outcome === 'unchanged' || item.outcome === 'duplicate') {
        return { ...row, stage: 'unchanged', percent: 100, documentId, outcome: 'unchanged', error: null };
      }
      // Its own job is queued now, whatever the document's status (a new version leaves the old one serving, "ready").
      return { ...row, stage: 'queued', percent: 0, documentId, outcome: item.outcome === 'newversion' ? 'newversion' : 'new', error: null };
    }
    case 'refused':
      return isSettled(row) ? row : { ...row, stage: 'failed', error: event.message };
    case 'ingestion':
      return advance(row, event.status, event.progress, event.error);
    case 'document': {
      const d = event.document;
      const titled = { ...row, title: d.title || row.title };
      // The latest job tells how this upload is doing; the document's status alone says "ready" while a new version runs.
      const job = d.latestJob;
      if (job && (job.status === 'pending' || job.status === 'running')) return advance(titled, job.stage, job.progress, null);
      if (job?.status === 'failed') return advance(titled, 'failed', job.progress, job.lastError ?? d.error);
      return advance(titled, d.status, job?.progress ?? 0, d.error);
    }
    default:
      return row;
  }
}

/** The row's words: "Uploading 40 %", "Embedding", "Ready", "Already in the knowledge base"… */
export function stageLabel(row: UploadRow): string {
  switch (row.stage) {
    case 'waiting':
      return 'Waiting to upload';
    case 'uploading':
      return `Uploading ${row.percent} %`;
    case 'unchanged':
      return 'Already in the knowledge base';
    default:
      return row.stage.charAt(0).toUpperCase() + row.stage.slice(1);
  }
}

/** A line under the file name: what the upload became. */
export function outcomeNote(row: UploadRow): string | null {
  const name = row.title ? `“${row.title}”` : row.fileName;
  if (row.outcome === 'newversion') return `New version of ${name}`;
  if (row.outcome === 'unchanged') return row.title ? `Same file as ${name}; nothing to do.` : 'The same file is already there; nothing to do.';
  return null;
}

/** Server reasons are written for people already; only an empty one needs words. */
function plainReason(reason: string | null | undefined): string {
  return reason?.trim() || 'The file could not be added.';
}

/** Why an upload request failed, in plain words (never an HTTP method or path). */
export function uploadFailureMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const item = (err.problem as { documents?: UploadItem[] } | null)?.documents?.[0];
    if (item?.reason) return item.reason;
    if (err.status === 0) return err.problem?.detail ?? 'The upload was interrupted. Check your connection and try again.';
    if (err.status === 413) return 'The file is larger than this server accepts.';
    if (err.status >= 500) return 'The server could not store the file. Try again in a moment.';
  }
  return errorText(err, 'The upload failed.');
}
