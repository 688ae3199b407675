import { useState, type FormEvent } from 'react';
import { parseList } from '../../shared/format';
import { Roles } from './types';

interface Props {
  onCreate(user: { email: string; password: string; displayName?: string; role: string; groups: string[] }): Promise<boolean>;
}

export function CreateUserForm({ onCreate }: Props) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<string>('Employee');
  const [groups, setGroups] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await onCreate({
      email: email.trim(),
      password,
      ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
      role,
      groups: parseList(groups),
    });
    if (ok) {
      setEmail('');
      setPassword('');
      setDisplayName('');
      setGroups('');
    }
  }

  return (
    <form className="form-grid" onSubmit={submit} aria-label="Create user">
      <div className="field">
        <label htmlFor="new-user-email">Email</label>
        <input id="new-user-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor="new-user-name">Display name</label>
        <input id="new-user-name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor="new-user-password">Initial password</label>
        <input id="new-user-password" type="password" required minLength={8} value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
      </div>
      <div className="field">
        <label htmlFor="new-user-role">Role</label>
        <select id="new-user-role" value={role} onChange={(e) => setRole(e.target.value)}>
          {Roles.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="new-user-groups">Groups</label>
        <input id="new-user-groups" value={groups} placeholder="e.g. staff, hr" onChange={(e) => setGroups(e.target.value)} />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          Create user
        </button>
      </div>
    </form>
  );
}
