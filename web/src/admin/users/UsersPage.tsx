import { ApiKeysSection } from './ApiKeysSection';
import { GroupsSection } from './GroupsSection';
import { UsersSection } from './UsersSection';

export function UsersPage() {
  return (
    <div className="admin-page">
      <UsersSection />
      <GroupsSection />
      <ApiKeysSection />
    </div>
  );
}
