import { useState, type FormEvent } from 'react';
import { useHttp } from '../../shared/ApiContext';
import { Alert } from '../../shared/Alert';
import { ConfirmDialog } from '../../shared/ConfirmDialog';
import { errorText } from '../../shared/problem';
import { useResource } from '../../shared/useResource';
import { Unavailable } from '../Unavailable';
import type { Group } from './types';
import { createGroup, deleteGroup, listGroups } from './usersApi';

export function GroupsSection() {
  const http = useHttp();
  const [groups, reload] = useResource(() => listGroups(http));
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [toDelete, setToDelete] = useState<Group | null>(null);

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await createGroup(http, { name: name.trim(), ...(description.trim() ? { description: description.trim() } : {}) });
      setName('');
      setDescription('');
      reload();
    } catch (err) {
      setError(errorText(err, 'The group was not created.'));
    }
  }

  async function remove(g: Group) {
    setToDelete(null);
    setError(null);
    try {
      await deleteGroup(http, g.name);
      reload();
    } catch (err) {
      setError(errorText(err, 'The group was not deleted.'));
    }
  }

  return (
    <section className="card" aria-labelledby="groups-title">
      <h2 className="card-title" id="groups-title">
        Groups
      </h2>
      {groups.state === 'unavailable' ? (
        <Unavailable what="Group management" />
      ) : (
        <>
          <form className="form-grid" onSubmit={create} aria-label="Create group">
            <div className="field">
              <label htmlFor="new-group-name">Group name</label>
              <input id="new-group-name" required value={name} onChange={(e) => setName(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="new-group-description">Description</label>
              <input id="new-group-description" value={description} onChange={(e) => setDescription(e.target.value)} />
            </div>
            <div className="form-actions">
              <button type="submit" className="btn btn-primary">
                Create group
              </button>
            </div>
          </form>
          {error && <Alert>{error}</Alert>}
          {groups.state === 'error' && <Alert>{groups.message}</Alert>}
          {groups.state === 'ready' && (
            <ul className="group-list">
              {groups.data.map((g) => (
                <li key={g.name}>
                  <span className="tag">{g.name}</span>
                  <span className="muted small">
                    {g.description ? `${g.description} · ` : ''}
                    {g.members} members · {g.documents} documents
                  </span>
                  <button type="button" className="btn btn-ghost btn-small btn-danger-text" aria-label={`Delete group ${g.name}`} onClick={() => setToDelete(g)}>
                    Delete
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {toDelete && (
        <ConfirmDialog title={`Delete group “${toDelete.name}”?`} confirmLabel="Delete group" onCancel={() => setToDelete(null)} onConfirm={() => remove(toDelete)}>
          Its members lose access to documents shared only with this group. A group still used by documents cannot be deleted.
        </ConfirmDialog>
      )}
    </section>
  );
}
