import { useState, type FormEvent } from 'react';
import { formatDateTime, parseList } from '../../shared/format';
import { Roles, type User } from './types';

interface Props {
  user: User;
  isSelf: boolean;
  onSave(id: string, change: { role: string; groups: string[] }): Promise<boolean>;
  onDelete(user: User): void;
}

export function UserRow({ user, isSelf, onSave, onDelete }: Props) {
  const [editing, setEditing] = useState(false);
  const [role, setRole] = useState(user.role);
  const [groups, setGroups] = useState(user.groups.join(', '));
  const label = user.displayName || user.email;
  const locked = user.lockedOutUntil && new Date(user.lockedOutUntil).getTime() > Date.now();

  async function save(e: FormEvent) {
    e.preventDefault();
    if (await onSave(user.id, { role, groups: parseList(groups) })) setEditing(false);
  }

  return (
    <tr>
      <td data-label="User">
        <div>{user.email}</div>
        {user.displayName && <div className="muted small">{user.displayName}</div>}
        {locked && <span className="status-pill status-failed">locked until {formatDateTime(user.lockedOutUntil)}</span>}
      </td>
      {editing ? (
        <td colSpan={2} data-label="Role and groups">
          <form className="inline-edit" onSubmit={save}>
            <label className="visually-hidden" htmlFor={`role-${user.id}`}>
              Role of {label}
            </label>
            <select id={`role-${user.id}`} value={role} onChange={(e) => setRole(e.target.value)}>
              {Roles.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
            <label className="visually-hidden" htmlFor={`groups-${user.id}`}>
              Groups of {label}
            </label>
            <input id={`groups-${user.id}`} value={groups} onChange={(e) => setGroups(e.target.value)} />
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
          <td data-label="Role">{user.role}</td>
          <td data-label="Groups">
            {user.groups.map((g) => (
              <span key={g} className="tag">
                {g}
              </span>
            ))}
          </td>
        </>
      )}
      <td className="row-actions">
        {!editing && (
          <button type="button" className="btn btn-ghost btn-small" aria-label={`Edit ${label}`} onClick={() => setEditing(true)}>
            Edit
          </button>
        )}
        {!isSelf && (
          <button type="button" className="btn btn-ghost btn-small btn-danger-text" aria-label={`Delete ${label}`} onClick={() => onDelete(user)}>
            Delete
          </button>
        )}
      </td>
    </tr>
  );
}
