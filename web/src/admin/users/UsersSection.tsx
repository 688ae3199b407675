import { useState } from 'react';
import { useMe } from '../../auth/SessionContext';
import { useHttp } from '../../shared/ApiContext';
import { Alert } from '../../shared/Alert';
import { ConfirmDialog } from '../../shared/ConfirmDialog';
import { errorText } from '../../shared/problem';
import { Pager } from '../../shared/Pager';
import { useResource } from '../../shared/useResource';
import { Unavailable } from '../Unavailable';
import { CreateUserForm } from './CreateUserForm';
import type { User } from './types';
import { createUser, deleteUser, listUsers, updateUser } from './usersApi';
import { UserRow } from './UserRow';

const PageSize = 25;

export function UsersSection() {
  const http = useHttp();
  const me = useMe();
  const [offset, setOffset] = useState(0);
  const [users, reload] = useResource(() => listUsers(http, offset, PageSize), String(offset));
  const [error, setError] = useState<string | null>(null);
  const [toDelete, setToDelete] = useState<User | null>(null);

  async function run(action: () => Promise<unknown>, fallback: string): Promise<boolean> {
    setError(null);
    try {
      await action();
      reload();
      return true;
    } catch (err) {
      setError(errorText(err, fallback));
      return false;
    }
  }

  return (
    <section className="card" aria-labelledby="users-title">
      <h2 className="card-title" id="users-title">
        Users
      </h2>
      {users.state === 'unavailable' ? (
        <Unavailable what="User management" />
      ) : (
        <>
          <CreateUserForm onCreate={(u) => run(() => createUser(http, u), 'The user was not created.')} />
          {error && <Alert>{error}</Alert>}
          {users.state === 'loading' && <p className="muted pad">Loading…</p>}
          {users.state === 'error' && <Alert>{users.message}</Alert>}
          {users.state === 'ready' && (
            <>
              <div className="table-scroll" role="region" aria-label="Users" tabIndex={0}>
                <table className="table table-cards">
                  <caption className="visually-hidden">Users</caption>
                  <thead>
                    <tr>
                      <th scope="col">User</th>
                      <th scope="col">Role</th>
                      <th scope="col">Groups</th>
                      <th scope="col">
                        <span className="visually-hidden">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {users.data.items.map((u) => (
                      <UserRow
                        key={u.id}
                        user={u}
                        isSelf={u.email.toLowerCase() === me.email.toLowerCase()}
                        onSave={(id, change) => run(() => updateUser(http, id, change), 'The change was not saved.')}
                        onDelete={setToDelete}
                      />
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager label="Users" offset={offset} pageSize={PageSize} total={users.data.total} onOffset={setOffset} />
            </>
          )}
        </>
      )}
      {toDelete && (
        <ConfirmDialog
          title="Delete this user?"
          confirmLabel="Delete user"
          onCancel={() => setToDelete(null)}
          onConfirm={() => {
            const u = toDelete;
            setToDelete(null);
            void run(() => deleteUser(http, u.id), 'The user was not deleted.');
          }}
        >
          {toDelete.email} will no longer be able to sign in.
        </ConfirmDialog>
      )}
    </section>
  );
}
