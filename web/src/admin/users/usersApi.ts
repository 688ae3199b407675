import type { Http } from '../../shared/http';
import { pagedUrl } from '../../shared/Pager';
import type { ApiKey, Group, KeyScope, User } from './types';

export const listUsers = (http: Http, offset: number, limit: number) => http.getPage<User>(pagedUrl('/api/users', offset, limit));
export const createUser = (http: Http, user: { email: string; password: string; displayName?: string; role: string; groups: string[] }) =>
  http.post<User>('/api/users', user);
export const updateUser = (http: Http, id: string, change: { displayName?: string; role?: string; groups?: string[] }) =>
  http.put<User>(`/api/users/${encodeURIComponent(id)}`, change);
export const deleteUser = (http: Http, id: string) => http.delete(`/api/users/${encodeURIComponent(id)}`);

export const listGroups = (http: Http) => http.get<Group[]>('/api/groups');
export const createGroup = (http: Http, group: { name: string; description?: string }) => http.post<Group>('/api/groups', group);
export const deleteGroup = (http: Http, name: string) => http.delete(`/api/groups/${encodeURIComponent(name)}`);

export const listKeys = (http: Http) => http.get<ApiKey[]>('/api/keys');
export const createKey = (http: Http, key: { name: string; scopes: KeyScope[]; groups?: string[] }) =>
  http.post<{ id: string; key: string }>('/api/keys', key);
export const revokeKey = (http: Http, id: string) => http.delete(`/api/keys/${encodeURIComponent(id)}`);
