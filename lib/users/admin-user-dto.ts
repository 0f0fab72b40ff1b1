import type { TDeviceDto } from '../devices/device-dto';
import type { TPasskeyDto } from '../passkeys/passkey-dto';
import type { TUserStatus } from './admin-user-schema';

/** The community a user belongs to, by name (for lists spanning several communities). */
export type TCommunityRef = { id: string; name: string };

/** One row of the console's users list. */
export type TUserListItemDto = {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  emailVerified: boolean;
  status: TUserStatus;
  community: TCommunityRef;
  passkeyCount: number;
  createdAt: string;
};

/** A passkey as the console shows it: the account page's DTO plus the sign counter and both provider icons. */
export type TUserPasskeyDto = TPasskeyDto & {
  /** The authenticator's signature counter (WebAuthn §6.1.1); 0 for most synced passkeys. */
  signCount: number;
  /** Provider icons (data: URLs) for light and dark backgrounds, from the AAGUID metadata. */
  providerIconLight: string | null;
  providerIconDark: string | null;
};

/** One audit event of the user's recent activity. */
export type TUserEventDto = { id: string; at: string; type: string; actor: string; result: 'success' | 'failure'; subject: string | null; ip: string | null };

/** The console's user detail page. */
export type TUserOverviewDto = {
  user: {
    id: string;
    username: string;
    displayName: string;
    email: string | null;
    emailVerified: boolean;
    phone: string | null;
    phoneVerified: boolean;
    status: TUserStatus;
    createdAt: string;
    community: TCommunityRef & { tenant: TCommunityRef };
  };
  passkeys: TUserPasskeyDto[];
  devices: TDeviceDto[];
  /** The last RECENT_EVENTS_LIMIT events, newest first. */
  events: TUserEventDto[];
};

export const RECENT_EVENTS_LIMIT = 20;

export function toUserStatus(status: string): TUserStatus {
  // Anything but "active" is treated as disabled: the passkeys core signs in active users only.
  return status === 'active' ? 'active' : 'disabled';
}
