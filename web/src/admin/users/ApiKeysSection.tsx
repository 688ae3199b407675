import { useState, type FormEvent } from 'react';
import { useHttp } from '../../shared/ApiContext';
import { Alert } from '../../shared/Alert';
import { ConfirmDialog } from '../../shared/ConfirmDialog';
import { formatDateTime, parseList } from '../../shared/format';
import { errorText } from '../../shared/problem';
import { useResource } from '../../shared/useResource';
import { Unavailable } from '../Unavailable';
import { KeyScopes, type ApiKey, type KeyScope } from './types';
import { createKey, listKeys, revokeKey } from './usersApi';

export function ApiKeysSection() {
  const http = useHttp();
  const [keys, reload] = useResource(() => listKeys(http));
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<KeyScope[]>(['ask']);
  const [groups, setGroups] = useState('');
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [toRevoke, setToRevoke] = useState<ApiKey | null>(null);

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const g = parseList(groups);
      const result = await createKey(http, { name: name.trim(), scopes, ...(g.length ? { groups: g } : {}) });
      setCreated({ name: name.trim(), key: result.key });
      setName('');
      setGroups('');
      reload();
    } catch (err) {
      setError(errorText(err, 'The key was not created.'));
    }
  }

  async function revoke(k: ApiKey) {
    setToRevoke(null);
    setError(null);
    try {
      await revokeKey(http, k.id);
      reload();
    } catch (err) {
      setError(errorText(err, 'The key was not revoked.'));
    }
  }

  const toggle = (s: KeyScope) => setScopes((cur) => (cur.includes(s) ? cur.filter((x) => x !== s) : [...cur, s]));

  return (
    <section className="card" aria-labelledby="keys-title">
      <h2 className="card-title" id="keys-title">
        API keys
      </h2>
      {keys.state === 'unavailable' ? (
        <Unavailable what="API key management" />
      ) : (
        <>
          <form className="form-grid" onSubmit={create} aria-label="Create API key">
            <div className="field">
              <label htmlFor="new-key-name">Key name</label>
              <input id="new-key-name" required value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Slack bot" />
            </div>
            <fieldset className="field scopes">
              <legend>Scopes</legend>
              {KeyScopes.map((s) => (
                <label key={s} className="checkbox">
                  <input type="checkbox" checked={scopes.includes(s)} onChange={() => toggle(s)} /> {s}
                </label>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor="new-key-groups">Groups</label>
              <input id="new-key-groups" value={groups} onChange={(e) => setGroups(e.target.value)} placeholder="e.g. staff" />
            </div>
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={scopes.length === 0}>
                Create key
              </button>
            </div>
          </form>
          {created && (
            <div className="alert alert-success" role="status">
              <p>
                Key “{created.name}” created. Copy it now: it will not be shown again.
              </p>
              <code className="secret" aria-label="New API key">
                {created.key}
              </code>
              <div className="row">
                <button type="button" className="btn btn-secondary btn-small" onClick={() => void navigator.clipboard?.writeText(created.key)}>
                  Copy
                </button>
                <button type="button" className="btn btn-ghost btn-small" onClick={() => setCreated(null)}>
                  Done
                </button>
              </div>
            </div>
          )}
          {error && <Alert>{error}</Alert>}
          {keys.state === 'error' && <Alert>{keys.message}</Alert>}
          {keys.state === 'ready' && keys.data.length > 0 && (
            <div className="table-scroll" role="region" aria-label="API keys" tabIndex={0}>
              <table className="table">
                <caption className="visually-hidden">API keys</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Key</th>
                    <th scope="col">Scopes</th>
                    <th scope="col">Created</th>
                    <th scope="col">Last used</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {keys.data.map((k) => (
                    <tr key={k.id}>
                      <td>{k.name}</td>
                      <td>
                        <code>{k.prefix}…</code>
                      </td>
                      <td>{k.scopes.join(', ')}</td>
                      <td className="small">{formatDateTime(k.createdAt)}</td>
                      <td className="small">{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : 'never'}</td>
                      <td className="row-actions">
                        <button type="button" className="btn btn-ghost btn-small btn-danger-text" aria-label={`Revoke key ${k.name}`} onClick={() => setToRevoke(k)}>
                          Revoke
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      {toRevoke && (
        <ConfirmDialog title={`Revoke key “${toRevoke.name}”?`} confirmLabel="Revoke key" onCancel={() => setToRevoke(null)} onConfirm={() => revoke(toRevoke)}>
          Clients using this key stop working at once.
        </ConfirmDialog>
      )}
    </section>
  );
}
