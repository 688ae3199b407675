import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorText } from './problem';

export type Resource<T> =
  | { state: 'loading' }
  | { state: 'ready'; data: T }
  /** The endpoint does not exist on this server: the feature is hidden. */
  | { state: 'unavailable' }
  | { state: 'error'; message: string };

/** Loads `load()` on mount and whenever `key` changes; `reload()` fetches again. */
export function useResource<T>(load: () => Promise<T>, key: string = ''): [Resource<T>, () => void, (data: T) => void] {
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading' });
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);

  const reload = useCallback(() => {
    const mine = ++generation.current;
    loadRef.current().then(
      (data) => mine === generation.current && setResource({ state: 'ready', data }),
      (err: unknown) => {
        if (mine !== generation.current) return;
        if (err instanceof ApiError && err.isUnavailable) setResource({ state: 'unavailable' });
        else setResource({ state: 'error', message: errorText(err) });
      },
    );
  }, []);

  useEffect(() => {
    reload();
  }, [reload, key]);

  const set = useCallback((data: T) => setResource({ state: 'ready', data }), []);
  return [resource, reload, set];
}
