export type Role = 'Admin' | 'Employee';

export interface Me {
  id?: string;
  email: string;
  displayName?: string | null;
  role: Role | string;
  groups: string[];
}

export interface Providers {
  password: boolean;
  oidc: { displayName: string; loginUrl: string } | null;
}

export interface Info {
  answerMode: 'extractive' | 'llm' | string;
  model: string;
  embeddingModel?: string;
  documents: number;
}

export function isAdmin(me: Me | null): boolean {
  return (me?.role ?? '').toLowerCase() === 'admin';
}
