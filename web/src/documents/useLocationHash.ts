import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The address's `#fragment`, decoded and without the "#" ("" when none); follows hash changes. */
export function useLocationHash(): string {
  const raw = useSyncExternalStore(subscribe, () => window.location.hash);
  try {
    return decodeURIComponent(raw.replace(/^#/, ''));
  } catch {
    return '';
  }
}
