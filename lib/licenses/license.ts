import { z } from 'zod';
import type { TDb, TTx } from '../db';

/**
 * License `authLevel` values (WIRE-NOTES §5). Each 000/004 endpoint names the levels it accepts;
 * a license is authorized for a set of communities.
 */
export const AUTH_LEVELS = ['system', 'service', 'service_ext', 'app', 'app_ext'] as const;
export type TAuthLevel = (typeof AUTH_LEVELS)[number];
export const ZAuthLevel = z.enum(AUTH_LEVELS);

/** Printed in front of every generated key so that operators (and secret scanners) recognise it. */
export const LICENSE_KEY_PREFIX = 'lk_';
/** Characters of the key kept in clear (`lk_` + 8 random characters, 48 bits): enough to tell keys apart. */
export const LICENSE_KEY_PREFIX_LENGTH = LICENSE_KEY_PREFIX.length + 8;

export type TLicenseDto = {
  id: string;
  tenantId: string | null;
  keyPrefix: string;
  authLevel: TAuthLevel;
  /** Communities the license may act on; empty on a `system` license means all communities. */
  communityIds: string[];
  label: string | null;
  status: 'active' | 'revoked';
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/** The columns a DTO needs; select these, never the key hash. */
export const LICENSE_DTO_SELECT = {
  id: true,
  tenantId: true,
  keyPrefix: true,
  authLevel: true,
  communityIds: true,
  label: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

export function toLicenseDto(row: {
  id: string;
  tenantId: string | null;
  keyPrefix: string;
  authLevel: string;
  communityIds: unknown;
  label: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}): TLicenseDto {
  return {
    id: row.id,
    tenantId: row.tenantId,
    keyPrefix: row.keyPrefix,
    authLevel: row.authLevel as TAuthLevel,
    communityIds: Array.isArray(row.communityIds) ? (row.communityIds as string[]) : [],
    label: row.label,
    status: row.revokedAt ? 'revoked' : 'active',
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/**
 * Runs `fn` in a transaction: a new one when given the client, the caller's own when given a
 * transaction client (so a use-case can also be composed into a larger transaction).
 */
export function inTransaction<T>(db: TDb | TTx, fn: (tx: TTx) => Promise<T>): Promise<T> {
  // A transaction client has no $connect (Prisma's ITXClientDenyList), a full client has.
  return '$connect' in db ? db.$transaction((tx) => fn(tx)) : fn(db);
}
