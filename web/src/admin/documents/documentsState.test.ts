import { describe, expect, it } from 'vitest';
import { uploadItems } from './documentsApi';
import { documentsReducer, failureReason, ingestionPercent, initialDocuments, type DocumentsState } from './documentsState';
import type { DocumentView } from './types';

const doc = (id: string, status = 'ready'): DocumentView => ({
  id,
  title: `Doc ${id}`,
  sourceName: `${id}.pdf`,
  contentType: 'application/pdf',
  status,
  error: null,
  collection: 'default',
  accessGroups: [],
  pageCount: 3,
  chunkCount: 9,
  sizeBytes: 1000,
  version: 1,
  warnings: [],
  createdAt: '2026-11-27T10:00:00Z',
  updatedAt: '2026-11-27T10:00:00Z',
  latestJob: null,
});

const queued = (): DocumentsState =>
  documentsReducer(initialDocuments, { type: 'upload-queued', files: [{ key: 'u1', fileName: 'a.pdf', size: 2048 }, { key: 'u2', fileName: 'b.exe', size: 10 }] });

describe('documentsReducer: uploads', () => {
  it('tracks each file from waiting through byte progress to accepted, and adds it to the table', () => {
    let s = queued();
    expect(s.uploads.map((u) => [u.fileName, u.phase, u.percent])).toEqual([
      ['a.pdf', 'waiting', 0],
      ['b.exe', 'waiting', 0],
    ]);
    s = documentsReducer(s, { type: 'upload-progress', key: 'u1', loaded: 512, total: 2048 });
    expect(s.uploads[0]).toMatchObject({ phase: 'uploading', percent: 25 });
    expect(s.uploads[1]).toMatchObject({ phase: 'waiting', percent: 0 });
    s = documentsReducer(s, { type: 'upload-accepted', key: 'u1', items: [{ fileName: 'a.pdf', outcome: 'queued', documentId: 'd1', status: 'queued', reason: null }] });
    expect(s.uploads[0]).toMatchObject({ phase: 'accepted', percent: 100, documentId: 'd1' });
    expect(s.documents.map((d) => [d.id, d.status, d.title])).toEqual([['d1', 'queued', 'a.pdf']]);
  });

  it('shows a rejected file with the server reason and a failed upload with its message', () => {
    let s = queued();
    s = documentsReducer(s, { type: 'upload-accepted', key: 'u2', items: [{ fileName: 'b.exe', outcome: 'rejected', documentId: null, status: null, reason: 'Unsupported file type .exe.' }] });
    s = documentsReducer(s, { type: 'upload-failed', key: 'u1', message: 'The server could not be reached.' });
    expect(s.uploads.map((u) => [u.phase, u.message])).toEqual([
      ['failed', 'The server could not be reached.'],
      ['rejected', 'Unsupported file type .exe.'],
    ]);
    expect(s.documents).toEqual([]);
    s = documentsReducer(s, { type: 'upload-dismissed', key: 'u2' });
    expect(s.uploads.map((u) => u.key)).toEqual(['u1']);
  });

  it('does not duplicate a row for a duplicate upload of a listed document', () => {
    let s = documentsReducer(queued(), { type: 'loaded', documents: [doc('d1')] });
    s = documentsReducer(s, { type: 'upload-accepted', key: 'u1', items: [{ fileName: 'a.pdf', outcome: 'duplicate', documentId: 'd1', status: 'ready', reason: null }] });
    expect(s.documents).toHaveLength(1);
    expect(s.uploads[0]?.message).toBe('Already in the knowledge base.');
  });
});

describe('documentsReducer: live ingestion', () => {
  it('applies progress events to the row: stage, percent, then failure with its reason', () => {
    let s = documentsReducer(initialDocuments, { type: 'loaded', documents: [doc('d1', 'queued'), doc('d2')] });
    s = documentsReducer(s, { type: 'progress', message: { documentId: 'd1', jobId: 7, status: 'embedding', progress: 60, error: null } });
    const d1 = s.documents[0]!;
    expect(d1.status).toBe('embedding');
    expect(ingestionPercent(d1)).toBe(60);
    s = documentsReducer(s, { type: 'progress', message: { documentId: 'd1', jobId: 7, status: 'failed', progress: 60, error: 'The PDF is encrypted.' } });
    expect(failureReason(s.documents[0]!)).toBe('The PDF is encrypted.');
    expect(s.documents[1]).toEqual(doc('d2'));
  });

  it('adds a row for progress on a document it has not seen (uploaded elsewhere)', () => {
    const s = documentsReducer(initialDocuments, { type: 'progress', message: { documentId: 'dx', jobId: 1, status: 'parsing', progress: 10, sourceName: 'x.md', error: null } });
    expect(s.documents.map((d) => [d.id, d.title, d.status])).toEqual([['dx', 'x.md', 'parsing']]);
  });

  it('replaces a row with fetched details and removes a deleted one', () => {
    let s = documentsReducer(initialDocuments, { type: 'loaded', documents: [doc('d1', 'embedding'), doc('d2')] });
    s = documentsReducer(s, { type: 'document', document: { ...doc('d1'), collection: 'hr', accessGroups: ['hr'] } });
    expect(s.documents[0]).toMatchObject({ status: 'ready', collection: 'hr', accessGroups: ['hr'] });
    expect(ingestionPercent(s.documents[0]!)).toBe(100);
    s = documentsReducer(s, { type: 'removed', id: 'd2' });
    expect(s.documents.map((d) => d.id)).toEqual(['d1']);
  });
});

describe('uploadItems', () => {
  it('reads both the documented array and the wrapped {documents} answer', () => {
    const item = { fileName: 'a', outcome: 'queued', documentId: 'd', status: 'queued', reason: null };
    expect(uploadItems([item])).toEqual([item]);
    expect(uploadItems({ documents: [item] })).toEqual([item]);
    expect(uploadItems(null)).toEqual([]);
  });
});
