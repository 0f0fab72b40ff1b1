import type { TAuthenticatorInfo } from '../metadata/resolve-authenticator';

/** Longest passkey name; shared by the server schema and the rename form. */
export const PASSKEY_NAME_MAX = 64;

export type TPasskeyDto = {
  id: string;
  /** Credential id (base64url): lets the page tell the browser a deleted passkey is gone (WebAuthn Signal API). */
  credentialId: string;
  name: string;
  aaguid: string;
  providerName: string | null;
  providerIcon: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  /** Backed up: a multi-device (synced) passkey (WebAuthn §6.1.3 BS flag). */
  synced: boolean;
  /** Backup eligible; false means device-bound (BE flag). */
  backupEligible: boolean;
  transports: string[];
};

export const PASSKEY_DTO_SELECT = {
  id: true,
  credentialId: true,
  name: true,
  aaguid: true,
  createdAt: true,
  lastUsedAt: true,
  backupState: true,
  backupEligible: true,
  transports: true,
} as const;

export function toPasskeyDto(
  row: { id: string; credentialId: string; name: string; aaguid: string; createdAt: Date; lastUsedAt: Date | null; backupState: boolean; backupEligible: boolean; transports: unknown },
  info: TAuthenticatorInfo | undefined,
): TPasskeyDto {
  return {
    id: row.id,
    credentialId: row.credentialId,
    name: row.name,
    aaguid: row.aaguid,
    providerName: info?.name ?? null,
    providerIcon: info?.icon ?? null,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    synced: row.backupState,
    backupEligible: row.backupEligible,
    transports: row.transports as string[],
  };
}
