export interface User {
  id: string;
  email: string;
  displayName: string | null;
  role: string;
  groups: string[];
  lockedOutUntil: string | null;
}

export interface Group {
  name: string;
  description: string | null;
  members: number;
  documents: number;
}

export type KeyScope = 'ask' | 'search' | 'documents';

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: KeyScope[];
  createdAt: string;
  lastUsedAt: string | null;
}

export const Roles = ['Employee', 'Admin'] as const;
export const KeyScopes: KeyScope[] = ['ask', 'search', 'documents'];
