/** Printed in front of every generated API key so that operators (and secret scanners) recognise it. */
export const API_KEY_PREFIX = 'lkk_';
/** Characters of the key kept in clear (`lkk_` + 8 random characters, 48 bits): enough to tell keys apart. */
export const API_KEY_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;

export type TApiKeyDto = {
  id: string;
  communityId: string;
  keyPrefix: string;
  /** Web origins (scheme://host[:port]) whose pages may use the key (spec 001: the rpId is the Origin's host). */
  allowedOrigins: string[];
  label: string | null;
  status: 'active' | 'revoked';
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/** The columns a DTO needs; select these, never the secret hash. */
export const API_KEY_DTO_SELECT = {
  id: true,
  communityId: true,
  keyPrefix: true,
  allowedOrigins: true,
  label: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

export function toApiKeyDto(row: {
  id: string;
  communityId: string;
  keyPrefix: string;
  allowedOrigins: unknown;
  label: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}): TApiKeyDto {
  return {
    id: row.id,
    communityId: row.communityId,
    keyPrefix: row.keyPrefix,
    allowedOrigins: Array.isArray(row.allowedOrigins) ? (row.allowedOrigins as string[]) : [],
    label: row.label,
    status: row.revokedAt ? 'revoked' : 'active',
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/**
 * Whether a web origin belongs to a community: listed in its origins, or its host is the rpId or
 * a subdomain of it (the rule WebAuthn §5.1.3 step 8 applies to an rpId and the caller's origin).
 * `origin` must already be normalised (scheme://host[:port]).
 */
export function isOriginWithinCommunity(community: { rpId: string; origins: unknown }, origin: string): boolean {
  const origins = Array.isArray(community.origins) ? (community.origins as string[]) : [];
  if (origins.includes(origin)) return true;
  let host: string;
  try {
    host = new URL(origin).hostname;
  } catch {
    return false;
  }
  return host === community.rpId || host.endsWith(`.${community.rpId}`);
}
