import type { TTx } from '../db';
import { toTenantDto, type TTenantDto } from './create-tenant';
import { toCommunityDto, type TCommunityDto } from './create-community';

/** Every tenant with its communities (operator view: `latchkey info`). */
export async function listTenancy(options: { db: TTx }): Promise<Array<TTenantDto & { communities: TCommunityDto[] }>> {
  const tenants = await options.db.tenant.findMany({ orderBy: { createdAt: 'asc' }, include: { communities: { orderBy: { createdAt: 'asc' } } } });
  return tenants.map((t) => ({ ...toTenantDto(t), communities: t.communities.map(toCommunityDto) }));
}
