import type { TTx } from '../db';
import { toTenantDto, type TTenantDto } from './create-tenant';
import { toCommunityDto, type TCommunityDto } from './create-community';

/** Every tenant with its end-user communities (operator view: `latchkey info`); the console realm is not one of them. */
export async function listTenancy(options: { db: TTx }): Promise<Array<TTenantDto & { communities: TCommunityDto[] }>> {
  const tenants = await options.db.tenant.findMany({ orderBy: { createdAt: 'asc' }, include: { communities: { where: { purpose: 'users' }, orderBy: { createdAt: 'asc' } } } });
  return tenants.map((t) => ({ ...toTenantDto(t), communities: t.communities.map(toCommunityDto) }));
}
