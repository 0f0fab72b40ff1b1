import type { TTx } from '../db';
import type { TConfig } from '../config';
import { AppError } from '../errors';
import { writeAuditEvent } from '../audit/write-audit-event';
import { createCommunity } from '../tenancy/create-community';

/** Name of the console realm (not shown with the tenant's communities). */
export const CONSOLE_COMMUNITY_NAME = 'Latchkey console';

/**
 * Makes sure the console community exists (idempotent; part of the first-run bootstrap and of
 * every start): the realm whose Users are the administrators, so admins enrol and sign in through
 * the same lib/passkeys core as everyone. Its relying party is the public URL (rpId = its host,
 * origin = the URL) and it requires user verification (admins sign in at AAL2). When the public
 * URL changed since the last start, the realm follows it (passkeys made for the old rpId can't be
 * used at the new one anyway; `npx latchkey admin setup-link` enrols a new one).
 */
export async function ensureConsoleCommunity(tx: TTx, options: { tenantId: string; config: Pick<TConfig, 'origin' | 'rpId'> }): Promise<{ id: string; created: boolean }> {
  const { origin, rpId } = options.config;
  const existing = await tx.community.findFirst({ where: { purpose: 'console' }, select: { id: true, tenantId: true, rpId: true, origins: true } });
  if (!existing) {
    const community = await createCommunity({
      db: tx,
      input: { tenantId: options.tenantId, name: CONSOLE_COMMUNITY_NAME, rpId, rpName: CONSOLE_COMMUNITY_NAME, origins: [origin], userVerification: 'required' },
      actor: 'system',
      purpose: 'console',
    });
    return { id: community.id, created: true };
  }
  const origins = existing.origins as string[];
  if (existing.rpId !== rpId || origins.length !== 1 || origins[0] !== origin) {
    await tx.community.update({ where: { id: existing.id }, data: { rpId, origins: [origin] } });
    await writeAuditEvent(tx, {
      type: 'admin.console_relying_party_changed', actor: 'system', result: 'success', tenantId: existing.tenantId, communityId: existing.id, subject: existing.id,
      detail: { from: { rpId: existing.rpId, origins }, to: { rpId, origins: [origin] } },
    });
  }
  return { id: existing.id, created: false };
}

/**
 * The console community's id.
 * @throws AppError `service.internal` when it does not exist (the bootstrap creates it on start)
 */
export async function getConsoleCommunityId(db: TTx): Promise<string> {
  const row = await db.community.findFirst({ where: { purpose: 'console' }, select: { id: true } });
  if (!row) throw new AppError('service.internal', { detail: 'no console community: the start-up bootstrap did not run' });
  return row.id;
}
