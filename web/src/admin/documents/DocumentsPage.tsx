import { useEffect, useReducer, useState } from 'react';
import { useHttp } from '../../shared/ApiContext';
import { Alert } from '../../shared/Alert';
import { ConfirmDialog } from '../../shared/ConfirmDialog';
import { Pager } from '../../shared/Pager';
import { ApiError, errorText } from '../../shared/problem';
import { deleteDocument, getDocument, listDocuments, reingestDocument, updateDocument, uploadFile } from './documentsApi';
import { documentsReducer, initialDocuments } from './documentsState';
import { DocumentsTable } from './DocumentsTable';
import type { DocumentView } from './types';
import { UploadList } from './UploadList';
import { UploadPanel } from './UploadPanel';
import { uploadFailureMessage, type UploadEvent } from './uploadRow';
import { useGroups } from '../useGroups';
import { useIngestionProgress } from './useIngestionProgress';

// Two uploads at a time: steady progress without saturating the server.
const ParallelUploads = 2;
let uploadKeys = 0;

const PageSize = 25;

export function DocumentsPage() {
  const http = useHttp();
  const groups = useGroups();
  const [state, dispatch] = useReducer(documentsReducer, initialDocuments);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [editable, setEditable] = useState(true);
  const [toDelete, setToDelete] = useState<DocumentView | null>(null);
  const [offset, setOffset] = useState(0);
  const [total, setTotal] = useState(0);

  const live = useIngestionProgress((m) => {
    dispatch({ type: 'progress', message: m });
    // The finished document has new details (title, pages, chunks).
    if (m.status === 'ready' || m.status === 'failed') refresh(m.documentId);
  });

  function refresh(id: string) {
    getDocument(http, id).then(
      (document) => dispatch({ type: 'document', document }),
      () => undefined,
    );
  }

  useEffect(() => {
    listDocuments(http, offset, PageSize).then(
      (page) => {
        dispatch({ type: 'loaded', documents: page.items });
        setTotal(page.total);
        setLoading(false);
      },
      (err: unknown) => {
        setError(errorText(err, 'The documents could not be loaded.'));
        setLoading(false);
      },
    );
  }, [http, offset]);

  function upload(files: File[], fields: { collection: string; groups: string[] }) {
    const entries = files.map((file) => ({ key: `u${++uploadKeys}`, fileName: file.name, size: file.size, file }));
    dispatch({ type: 'upload-queued', files: entries.map(({ key, fileName, size }) => ({ key, fileName, size })) });
    const queue = [...entries];
    const meta = { collection: fields.collection.trim(), groups: fields.groups };
    const next = async (): Promise<void> => {
      const entry = queue.shift();
      if (!entry) return;
      const report = (event: UploadEvent) => dispatch({ type: 'upload', key: entry.key, event });
      try {
        const items = await uploadFile(http, entry.file, meta, (p) => report({ type: 'sent', loaded: p.loaded, total: p.total })).result;
        report({ type: 'accepted', item: items[0] });
        for (const item of items) if (item.documentId) refresh(item.documentId);
      } catch (err) {
        report({ type: 'refused', message: uploadFailureMessage(err) });
      }
      return next();
    };
    for (let i = 0; i < ParallelUploads; i++) void next();
  }

  async function save(id: string, change: { collection: string; groups: string[] }): Promise<boolean> {
    setError(null);
    try {
      dispatch({ type: 'document', document: await updateDocument(http, id, change) });
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.isUnavailable) {
        setEditable(false);
        setError('This server cannot change a document’s collection or groups yet.');
      } else setError(errorText(err, 'The change was not saved.'));
      return false;
    }
  }

  async function reingest(d: DocumentView) {
    setError(null);
    try {
      await reingestDocument(http, d.id);
      refresh(d.id);
    } catch (err) {
      setError(errorText(err, 'Re-ingestion could not start.'));
    }
  }

  async function remove(d: DocumentView) {
    setToDelete(null);
    setError(null);
    try {
      await deleteDocument(http, d.id);
      dispatch({ type: 'removed', id: d.id });
    } catch (err) {
      setError(errorText(err, 'The document could not be deleted.'));
    }
  }

  return (
    <div className="admin-page">
      <UploadPanel groups={groups} onFiles={upload} />
      <UploadList
        uploads={state.uploads}
        onDismiss={(key) => dispatch({ type: 'upload-dismissed', key })}
        onClearFinished={() => dispatch({ type: 'uploads-cleared' })}
      />
      <section className="card" aria-labelledby="documents-title">
        <div className="card-header">
          <h2 className="card-title" id="documents-title">
            Documents
          </h2>
          <span className={`live-dot live-${live}`} role="status">
            {live === 'connected' ? 'Live' : live === 'reconnecting' ? 'Reconnecting…' : live === 'disconnected' ? 'Not live' : ''}
          </span>
        </div>
        {error && <Alert>{error}</Alert>}
        {loading ? (
          <p className="muted pad">Loading…</p>
        ) : (
          <>
            <DocumentsTable documents={state.documents} groups={groups} editable={editable} onSave={save} onReingest={reingest} onDelete={setToDelete} />
            <Pager label="Documents" offset={offset} pageSize={PageSize} total={total} onOffset={setOffset} />
          </>
        )}
      </section>
      {toDelete && (
        <ConfirmDialog title="Delete this document?" confirmLabel="Delete document" onCancel={() => setToDelete(null)} onConfirm={() => remove(toDelete)}>
          “{toDelete.title || toDelete.sourceName}” and all its passages will be removed. Answers will no longer cite it.
        </ConfirmDialog>
      )}
    </div>
  );
}
