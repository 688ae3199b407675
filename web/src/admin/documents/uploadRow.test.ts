import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/problem';
import type { DocumentView } from './types';
import { isSettled, newUploadRow, outcomeNote, reduceUploadRow, stageLabel, uploadFailureMessage, type UploadEvent, type UploadRow } from './uploadRow';

const run = (events: UploadEvent[], row: UploadRow = newUploadRow('u1', 'onboarding-faq.txt', 4096)) => events.reduce(reduceUploadRow, row);
const accepted = (outcome: string, status: string | null = 'queued', reason: string | null = null): UploadEvent => ({
  type: 'accepted',
  item: { fileName: 'onboarding-faq.txt', outcome, documentId: 'd1', status, reason },
});
const ingestion = (status: string, progress = 0, error: string | null = null): UploadEvent => ({ type: 'ingestion', status, progress, error });
const details = (over: Partial<DocumentView>): UploadEvent => ({
  type: 'document',
  document: {
    id: 'd1', title: 'Onboarding FAQ', sourceName: 'onboarding-faq.txt', contentType: 'text/plain', status: 'ready', error: null, collection: 'default',
    accessGroups: [], pageCount: null, chunkCount: 4, sizeBytes: 4096, version: 1, warnings: [], createdAt: '', updatedAt: '', latestJob: null, ...over,
  },
});

describe('upload row', () => {
  it('goes uploading → queued → parsing → chunking → embedding → ready, with progress, and names the document', () => {
    const steps: [UploadEvent, string, number][] = [
      [{ type: 'sent', loaded: 1024, total: 4096 }, 'Uploading 25 %', 25],
      [{ type: 'sent', loaded: 4096, total: 4096 }, 'Uploading 100 %', 100],
      [accepted('queued'), 'Queued', 0],
      [ingestion('parsing', 10), 'Parsing', 10],
      [ingestion('chunking', 40), 'Chunking', 40],
      [ingestion('embedding', 70), 'Embedding', 70],
      [details({ status: 'ready' }), 'Ready', 100],
    ];
    let row = newUploadRow('u1', 'onboarding-faq.txt', 4096);
    expect(stageLabel(row)).toBe('Waiting to upload');
    for (const [event, label, percent] of steps) {
      row = reduceUploadRow(row, event);
      expect([stageLabel(row), row.percent]).toEqual([label, percent]);
    }
    expect(row).toMatchObject({ title: 'Onboarding FAQ', documentId: 'd1', outcome: 'new', error: null });
    expect(isSettled(row)).toBe(true);
    expect(outcomeNote(row)).toBeNull();
  });

  it('never moves back: late events and events after the end change nothing', () => {
    const embedding = run([accepted('queued'), ingestion('embedding', 80)]);
    expect(reduceUploadRow(embedding, ingestion('parsing', 5))).toBe(embedding);
    expect(reduceUploadRow(embedding, { type: 'sent', loaded: 1, total: 2 })).toBe(embedding);
    const ready = reduceUploadRow(embedding, ingestion('ready', 100));
    expect(reduceUploadRow(ready, ingestion('failed', 0, 'late'))).toBe(ready);
    expect(reduceUploadRow(ready, { type: 'refused', message: 'late' })).toBe(ready);
    // Progress within a stage never goes down either.
    expect(reduceUploadRow(embedding, ingestion('embedding', 60)).percent).toBe(80);
  });

  it('maps the server outcome "unchanged" to "already in the knowledge base" and ends there', () => {
    const row = run([{ type: 'sent', loaded: 1, total: 1 }, accepted('unchanged', 'ready'), details({ status: 'ready' })]);
    expect(stageLabel(row)).toBe('Already in the knowledge base');
    expect(outcomeNote(row)).toBe('Same file as “Onboarding FAQ”; nothing to do.');
    expect(isSettled(row)).toBe(true);
    expect(stageLabel(run([accepted('duplicate', 'ready')]))).toBe('Already in the knowledge base');
  });

  it('maps "newversion" to "new version of …" and follows its ingestion', () => {
    let row = run([accepted('newversion', 'ready')]);
    expect(stageLabel(row)).toBe('Queued');
    expect(outcomeNote(row)).toBe('New version of onboarding-faq.txt');
    row = run([ingestion('chunking', 30), details({ status: 'chunking', title: 'Onboarding FAQ' })], row);
    expect(stageLabel(row)).toBe('Chunking');
    expect(outcomeNote(row)).toBe('New version of “Onboarding FAQ”');
  });

  it('fails with the reason: a rejected file, a failed ingestion, a refused request', () => {
    const rejected = run([{ type: 'accepted', item: { fileName: 'x.exe', outcome: 'rejected', documentId: null, status: null, reason: "Unsupported file type '.exe'." } }]);
    expect([stageLabel(rejected), rejected.error]).toEqual(['Failed', "Unsupported file type '.exe'."]);
    const broken = run([accepted('queued'), ingestion('parsing', 10), ingestion('failed', 10, 'The PDF is encrypted.')]);
    expect([stageLabel(broken), broken.error]).toEqual(['Failed', 'The PDF is encrypted.']);
    expect(run([{ type: 'refused', message: 'The upload was interrupted.' }]).error).toBe('The upload was interrupted.');
    expect(run([{ type: 'accepted', item: undefined }]).error).toBe('The file could not be added.');
  });

  it('explains refused requests in plain words, preferring the per-file reason', () => {
    const perFile = new ApiError(422, { detail: 'x.exe: Unsupported', documents: [{ fileName: 'x.exe', outcome: 'rejected', documentId: null, status: null, reason: 'Unsupported file type.' }] } as never);
    expect(uploadFailureMessage(perFile)).toBe('Unsupported file type.');
    expect(uploadFailureMessage(new ApiError(0, null))).toBe('The upload was interrupted. Check your connection and try again.');
    expect(uploadFailureMessage(new ApiError(413, null))).toBe('The file is larger than this server accepts.');
    expect(uploadFailureMessage(new ApiError(502, null))).toBe('The server could not store the file. Try again in a moment.');
    expect(uploadFailureMessage(new ApiError(400, { detail: "Group names may not contain ','." }))).toBe("Group names may not contain ','.");
  });
});

describe('upload row: a new version of a ready document', () => {
  it('follows its own job, not the document status (the old version keeps serving, "ready")', () => {
    const running = { id: 9, status: 'running', stage: 'embedding', progress: 55, attempts: 1, lastError: null, sourceName: 'onboarding-faq.txt' };
    let row = run([accepted('newversion', 'ready'), details({ status: 'ready', latestJob: running })]);
    expect([stageLabel(row), row.percent]).toEqual(['Embedding', 55]);
    row = reduceUploadRow(row, details({ status: 'ready', error: 'The new version was not ingested: bad', latestJob: { ...running, status: 'failed', stage: 'failed', lastError: 'The file is empty.' } }));
    expect([stageLabel(row), row.error]).toEqual(['Failed', 'The file is empty.']);
  });
});
