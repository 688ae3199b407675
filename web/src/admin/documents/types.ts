// Documents contract (docs/api.md "Documents") and the ingestion hub's progress message.

export type DocumentStatus = 'queued' | 'parsing' | 'chunking' | 'embedding' | 'ready' | 'failed' | string;

export interface JobView {
  id: number;
  status: string;
  stage: string;
  progress: number;
  attempts: number;
  lastError: string | null;
  sourceName: string;
}

export interface DocumentView {
  id: string;
  title: string;
  sourceName: string;
  contentType: string;
  status: DocumentStatus;
  error: string | null;
  collection: string;
  accessGroups: string[];
  pageCount: number | null;
  chunkCount: number;
  sizeBytes: number;
  version: number;
  warnings: string[];
  createdAt: string;
  updatedAt: string;
  latestJob: JobView | null;
}

export interface UploadItem {
  fileName: string;
  outcome: 'queued' | 'duplicate' | 'rejected' | string;
  documentId: string | null;
  status: string | null;
  statusUrl?: string | null;
  reason: string | null;
}

/** Hub /hubs/ingestion, method `progress`. */
export interface ProgressMessage {
  documentId: string;
  jobId: number;
  status: DocumentStatus;
  stage?: string;
  progress: number;
  sourceName?: string;
  error: string | null;
}
