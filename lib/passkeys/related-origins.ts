import type { TTx } from '../db';

/**
 * The Related Origin Requests document (WebAuthn L3 §5.11.1) for an RP ID: `{origins}` listing
 * the origins allowed to use it, from every community with that rpId. Undefined when none lists any.
 */
export async function getRelatedOrigins(options: { db: TTx; rpId: string }): Promise<{ origins: string[] } | undefined> {
  const rows = await options.db.community.findMany({ where: { rpId: options.rpId.toLowerCase() }, select: { relatedOrigins: true } });
  const origins = [...new Set(rows.flatMap((r) => r.relatedOrigins as string[]))];
  return origins.length ? { origins } : undefined;
}
