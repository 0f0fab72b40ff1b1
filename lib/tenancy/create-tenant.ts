import { z } from 'zod';
import type { TTx } from '../db';
import { parseInput } from '../errors/validation';
import { writeAuditEvent } from '../audit/write-audit-event';

export const ZCreateTenantInput = z.object({
  name: z.string().trim().min(1, 'name is required').max(100),
  dnsNames: z.array(z.string().trim().toLowerCase().min(1)).default([]),
});
export type TCreateTenantInput = z.input<typeof ZCreateTenantInput>;

export type TTenantDto = { id: string; name: string; dnsNames: string[]; isDefault: boolean; createdAt: string };

export function toTenantDto(row: { id: string; name: string; dnsNames: unknown; isDefault: boolean; createdAt: Date }): TTenantDto {
  return { id: row.id, name: row.name, dnsNames: row.dnsNames as string[], isDefault: row.isDefault, createdAt: row.createdAt.toISOString() };
}

/**
 * Creates a tenant.
 * @throws AppError `request.validation_failed`
 */
export async function createTenant(options: { db: TTx; input: TCreateTenantInput; actor: string; isDefault?: boolean }): Promise<TTenantDto> {
  const input = parseInput(ZCreateTenantInput, options.input);
  const row = await options.db.tenant.create({ data: { name: input.name, dnsNames: input.dnsNames, isDefault: options.isDefault ?? false } });
  await writeAuditEvent(options.db, { type: 'tenancy.tenant_created', actor: options.actor, result: 'success', tenantId: row.id, subject: row.id, detail: { name: row.name } });
  return toTenantDto(row);
}
