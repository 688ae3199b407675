import { useState, type FormEvent } from 'react';
import { formatDateTime } from '../../shared/format';
import { GroupPicker } from '../GroupPicker';
import type { Groups } from '../useGroups';
import { ProgressBar } from '../../shared/ProgressBar';
import { failureReason, ingestionPercent, isIngesting } from './documentsState';
import type { DocumentView } from './types';

interface Props {
  document: DocumentView;
  groups: Groups;
  editable: boolean;
  onSave(id: string, change: { collection: string; groups: string[] }): Promise<boolean>;
  onReingest(d: DocumentView): void;
  onDelete(d: DocumentView): void;
}

export function DocumentRow({ document: d, groups: allGroups, editable, onSave, onReingest, onDelete }: Props) {
  const [editing, setEditing] = useState(false);
  const [collection, setCollection] = useState(d.collection);
  const [groups, setGroups] = useState<string[]>(d.accessGroups);
  const ingesting = isIngesting(d);
  const reason = d.status === 'failed' ? failureReason(d) : null;
  const name = d.title || d.sourceName;

  function startEdit() {
    setCollection(d.collection);
    setGroups(d.accessGroups);
    setEditing(true);
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (await onSave(d.id, { collection: collection.trim(), groups })) setEditing(false);
  }

  return (
    <tr>
      <td data-label="Document">
        <div className="doc-title">{name}</div>
        {d.title && d.sourceName !== d.title && <div className="muted small doc-title-source">{d.sourceName}</div>}
      </td>
      <td data-label="Status">
        <span className={`status-pill status-${d.status}`}>{d.status}</span>
        {ingesting && <ProgressBar value={ingestionPercent(d)} label={`Ingesting ${name}`} />}
        {reason && <p className="field-error small">{reason}</p>}
      </td>
      {editing ? (
        <td colSpan={2} data-label="Collection and groups">
          <form className="inline-edit" onSubmit={save}>
            <label className="visually-hidden" htmlFor={`col-${d.id}`}>
              Collection of {name}
            </label>
            <input id={`col-${d.id}`} value={collection} onChange={(e) => setCollection(e.target.value)} placeholder="default" />
            <GroupPicker legend={`Access groups of ${name}`} groups={allGroups} selected={groups} onChange={setGroups} />
            <button type="submit" className="btn btn-primary btn-small">
              Save
            </button>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </form>
        </td>
      ) : (
        <>
          <td data-label="Collection">{d.collection || <span className="muted">—</span>}</td>
          <td data-label="Groups">
            {d.accessGroups.length > 0 ? (
              d.accessGroups.map((g) => (
                <span key={g} className="tag">
                  {g}
                </span>
              ))
            ) : (
              <span className="muted">everyone</span>
            )}
          </td>
        </>
      )}
      <td className="num" data-label="Pages">{d.pageCount ?? '—'}</td>
      <td className="num" data-label="Chunks">{d.chunkCount}</td>
      <td className="small" data-label="Updated">{formatDateTime(d.updatedAt)}</td>
      <td className="row-actions">
        {editable && !editing && (
          <button type="button" className="btn btn-ghost btn-small" aria-label={`Edit ${name}`} onClick={startEdit}>
            Edit
          </button>
        )}
        <button type="button" className="btn btn-ghost btn-small" aria-label={`Re-ingest ${name}`} disabled={ingesting} onClick={() => onReingest(d)}>
          Re-ingest
        </button>
        <button type="button" className="btn btn-ghost btn-small btn-danger-text" aria-label={`Delete ${name}`} onClick={() => onDelete(d)}>
          Delete
        </button>
      </td>
    </tr>
  );
}
