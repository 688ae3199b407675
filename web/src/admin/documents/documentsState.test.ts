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
  it('keeps one row per file, newest batch first, and adds an accepted file to the table at once', () => {
    let s = queued();
    expect(s.uploads.map((u) => [u.fileName, u.stage])).toEqual([
      ['a.pdf', 'waiting'],
      ['b.exe', 'waiting'],
    ]);
    s = documentsReducer(s, { type: 'upload', key: 'u1', event: { type: 'sent', loaded: 512, total: 2048 } });
    expect(s.uploads[0]).toMatchObject({ stage: 'uploading', percent: 25 });
    s = documentsReducer(s, { type: 'upload', key: 'u1', event: { type: 'accepted', item: { fileName: 'a.pdf', outcome: 'queued', documentId: 'd1', status: 'queued', reason: null } } });
    expect(s.uploads[0]).toMatchObject({ stage: 'queued', documentId: 'd1' });
    expect(s.documents.map((d) => [d.id, d.status, d.title])).toEqual([['d1', 'queued', 'a.pdf']]);
  });

  it('moves the upload row with the live ingestion events and the fetched details of its document', () => {
    let s = documentsReducer(queued(), { type: 'upload', key: 'u1', event: { type: 'accepted', item: { fileName: 'a.pdf', outcome: 'queued', documentId: 'd1', status: 'queued', reason: null } } });
    s = documentsReducer(s, { type: 'progress', message: { documentId: 'd1', jobId: 3, status: 'embedding', progress: 70, error: null } });
    expect(s.uploads[0]).toMatchObject({ stage: 'embedding', percent: 70 });
    s = documentsReducer(s, { type: 'document', document: { ...doc('d1'), title: 'Handbook' } });
    expect(s.uploads[0]).toMatchObject({ stage: 'ready', title: 'Handbook' });
    s = documentsReducer(s, { type: 'uploads-cleared' });
    expect(s.uploads.map((u) => u.key)).toEqual(['u2']);
  });

  it('does not duplicate a table row for an upload of bytes the table already lists', () => {
    let s = documentsReducer(queued(), { type: 'loaded', documents: [doc('d1')] });
    s = documentsReducer(s, { type: 'upload', key: 'u1', event: { type: 'accepted', item: { fileName: 'a.pdf', outcome: 'unchanged', documentId: 'd1', status: 'ready', reason: null } } });
    expect(s.documents).toHaveLength(1);
    expect(s.uploads[0]?.stage).toBe('unchanged');
    s = documentsReducer(s, { type: 'upload-dismissed', key: 'u1' });
    expect(s.uploads.map((u) => u.key)).toEqual(['u2']);
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
