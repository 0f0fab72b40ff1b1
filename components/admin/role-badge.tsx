import { Badge } from '@/components/ui/badge';
import { ROLE_LABEL, type TAdminRole } from '@/lib/admin/principal';

const TONE = { system: 'brand', tenant: 'success', community: 'neutral' } as const;

/** An administrator's role: System admin, Tenant admin or Community admin. */
export function RoleBadge({ role }: { role: TAdminRole }) {
  return <Badge tone={TONE[role]}>{ROLE_LABEL[role]}</Badge>;
}
