import { Badge } from '@/components/ui/badge';
import type { TUserStatus } from '@/lib/users/admin-user-schema';

/** "Active" or "Disabled" (a disabled account can't sign in). */
export function UserStatusBadge({ status }: { status: TUserStatus }) {
  return status === 'active' ? <Badge tone="success">Active</Badge> : <Badge tone="danger">Disabled</Badge>;
}
