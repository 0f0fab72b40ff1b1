import type { TTx } from '../db';
import { AppError } from '../errors';
import type { TAdminPrincipal } from '../admin/principal';
import { communityScopeWhere } from '../admin/scope';
import { toBrandingEdit, type TBranding } from './branding-schema';

/** Everything the console shows and edits of one community. */
export type TCommunitySettingsDto = {
  id: string;
  tenant: { id: string; name: string };
  name: string;
  isDefault: boolean;
  rpId: string;
  rpName: string;
  origins: string[];
  relatedOrigins: string[];
  userVerification: 'required' | 'preferred' | 'discouraged';
  attestation: 'none' | 'direct' | 'enterprise';
  algorithms: number[];
  timeoutMs: number;
  allowCrossOrigin: boolean;
  allowedTopOrigins: string[];
  branding: TBranding;
  /** Passkeys registered for the current rpId: changing the rpId needs an explicit confirmation. */
  passkeyCount: number;
  userCount: number;
  applicationCount: number;
  /** The hosted sign-in page of the community. */
  signInPath: string;
  createdAt: string;
  updatedAt: string;
};

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export const COMMUNITY_SETTINGS_SELECT = {
  id: true,
  name: true,
  isDefault: true,
  rpId: true,
  rpName: true,
  origins: true,
  relatedOrigins: true,
  userVerification: true,
  attestation: true,
  algorithms: true,
  timeoutMs: true,
  allowCrossOrigin: true,
  allowedTopOrigins: true,
  branding: true,
  createdAt: true,
  updatedAt: true,
  tenant: { select: { id: true, name: true } },
  _count: { select: { passkeys: true, users: true, applications: true } },
} as const;

type TRow = {
  id: string; name: string; isDefault: boolean; rpId: string; rpName: string; origins: unknown; relatedOrigins: unknown; userVerification: string; attestation: string;
  algorithms: unknown; timeoutMs: number; allowCrossOrigin: boolean; allowedTopOrigins: unknown; branding: unknown; createdAt: Date; updatedAt: Date;
  tenant: { id: string; name: string }; _count: { passkeys: number; users: number; applications: number };
};

export function toCommunitySettingsDto(row: TRow): TCommunitySettingsDto {
  return {
    id: row.id,
    tenant: row.tenant,
    name: row.name,
    isDefault: row.isDefault,
    rpId: row.rpId,
    rpName: row.rpName,
    origins: strings(row.origins),
    relatedOrigins: strings(row.relatedOrigins),
    userVerification: row.userVerification as TCommunitySettingsDto['userVerification'],
    attestation: row.attestation as TCommunitySettingsDto['attestation'],
    algorithms: Array.isArray(row.algorithms) ? row.algorithms.filter((x): x is number => typeof x === 'number') : [],
    timeoutMs: row.timeoutMs,
    allowCrossOrigin: row.allowCrossOrigin,
    allowedTopOrigins: strings(row.allowedTopOrigins),
    branding: toBrandingEdit(row.branding),
    passkeyCount: row._count.passkeys,
    userCount: row._count.users,
    applicationCount: row._count.applications,
    signInPath: `/c/${row.id}/login`,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * One community's settings, if the caller administers it (the console realm never is).
 * @throws AppError `tenancy.community_not_found`
 */
export async function getCommunitySettings(options: { db: TTx; principal: TAdminPrincipal; communityId: string }): Promise<TCommunitySettingsDto> {
  const row = await options.db.community.findFirst({ where: { AND: [{ id: options.communityId }, communityScopeWhere(options.principal)] }, select: COMMUNITY_SETTINGS_SELECT });
  if (!row) throw new AppError('tenancy.community_not_found', { detail: `${options.communityId} not in the scope of admin ${options.principal.adminId}` });
  return toCommunitySettingsDto(row);
}
