import { useId, useState } from 'react';
import { parseList } from '../shared/format';
import type { Groups } from './useGroups';

interface Props {
  legend: string;
  hint?: string;
  groups: Groups;
  selected: string[];
  onChange(selected: string[]): void;
}

/**
 * Access groups chosen from the ones that exist, with "create group" inline; none chosen means everyone.
 * Where the server lists no groups, a comma-separated text field instead.
 */
export function GroupPicker({ legend, hint, groups, selected, onChange }: Props) {
  const id = useId();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const list = groups.groups;

  if (list.state === 'unavailable' || list.state === 'error') {
    return (
      <div className="field">
        <label htmlFor={`${id}-text`}>{legend}</label>
        <input id={`${id}-text`} value={selected.join(', ')} placeholder="everyone when empty, e.g. hr, finance" onChange={(e) => onChange(parseList(e.target.value))} />
        {hint && <p className="hint">{hint}</p>}
      </div>
    );
  }

  const names = [...new Set([...(list.state === 'ready' ? list.data.map((g) => g.name) : []), ...selected])].sort((a, b) => a.localeCompare(b));
  const toggle = (g: string) => onChange(selected.includes(g) ? selected.filter((x) => x !== g) : [...selected, g]);

  async function create() {
    const wanted = name.trim();
    if (!wanted) return;
    setBusy(true);
    setError(null);
    const problem = await groups.create(wanted);
    setBusy(false);
    if (problem) setError(problem);
    else {
      setName('');
      if (!selected.includes(wanted)) onChange([...selected, wanted]);
    }
  }

  return (
    <fieldset className="field group-picker" aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div className="group-options">
        {list.state === 'loading' && <span className="muted small">Loading groups…</span>}
        {names.map((g) => (
          <label key={g} className={`group-option${selected.includes(g) ? ' is-selected' : ''}`}>
            <input type="checkbox" checked={selected.includes(g)} onChange={() => toggle(g)} />
            {g}
          </label>
        ))}
        {list.state === 'ready' && names.length === 0 && <span className="muted small">No groups yet.</span>}
      </div>
      <div className="group-create">
        <label htmlFor={`${id}-new`} className="visually-hidden">
          New group name
        </label>
        <input
          id={`${id}-new`}
          value={name}
          placeholder="New group"
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void create();
            }
          }}
        />
        <button type="button" className="btn btn-secondary btn-small" disabled={busy || !name.trim()} onClick={() => void create()}>
          Create group
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
