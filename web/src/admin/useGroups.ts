import { useCallback } from 'react';
import { useHttp } from '../shared/ApiContext';
import { errorText } from '../shared/problem';
import { useResource, type Resource } from '../shared/useResource';
import type { Group } from './users/types';
import { createGroup, listGroups } from './users/usersApi';

export interface Groups {
  groups: Resource<Group[]>;
  /** Creates a group; null when done, else why not (in the server's words). */
  create(name: string): Promise<string | null>;
}

/** The access groups that exist, for pickers that also create one inline. */
export function useGroups(): Groups {
  const http = useHttp();
  const [groups, reload] = useResource(() => listGroups(http));
  const create = useCallback(
    async (name: string) => {
      try {
        await createGroup(http, { name: name.trim() });
        reload();
        return null;
      } catch (err) {
        return errorText(err, 'The group was not created.');
      }
    },
    [http, reload],
  );
  return { groups, create };
}
