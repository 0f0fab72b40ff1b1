import type { TTx } from '../db';
import { AppError } from '../errors';
import { DEVICE_DTO_SELECT, toDeviceDto } from '../devices/device-dto';
import { getAuthenticatorMetadata, type TAuthenticatorMetadata } from '../metadata/get-authenticator-metadata';
import { PASSKEY_DTO_SELECT, toPasskeyDto } from '../passkeys/passkey-dto';
import type { TAdminPrincipal } from '../admin/principal';
import { communityRowScopeWhere } from '../admin/scope';
import { RECENT_EVENTS_LIMIT, toUserStatus, type TUserOverviewDto, type TUserPasskeyDto } from './admin-user-dto';

/**
 * One end user as the console shows it: profile, passkeys (provider name and light/dark icons of
 * their AAGUID, counter, backup flags, transports), devices, and the last RECENT_EVENTS_LIMIT
 * audit events about the user, their passkeys or devices, or done by the user. The user must
 * belong to a community in the caller's scope; otherwise it is not found.
 * @throws AppError `users.not_found` (unknown, or out of the caller's scope)
 */
export async function getUserOverview(options: { db: TTx; principal: TAdminPrincipal; userId: string }): Promise<TUserOverviewDto> {
  const { db, userId } = options;
  const user = await db.user.findFirst({
    where: { id: userId, ...communityRowScopeWhere(options.principal) },
    select: {
      id: true,
      username: true,
      displayName: true,
      email: true,
      emailVerified: true,
      phone: true,
      phoneVerified: true,
      status: true,
      createdAt: true,
      communityId: true,
      community: { select: { id: true, name: true, tenant: { select: { id: true, name: true } } } },
    },
  });
  if (!user) throw new AppError('users.not_found', { detail: `${userId} not in the scope of admin ${options.principal.adminId}` });
  const { communityId } = user;
  const [passkeys, devices] = await Promise.all([
    db.passkey.findMany({ where: { communityId, userId }, select: { ...PASSKEY_DTO_SELECT, signCount: true }, orderBy: { createdAt: 'desc' } }),
    db.device.findMany({ where: { communityId, userId }, select: DEVICE_DTO_SELECT, orderBy: { lastSeenAt: 'desc' } }),
  ]);
  // Events about the user, or about one of their passkeys or devices (lib/passkeys and lib/devices
  // audit those with the credential's or device's id as subject), or done by the user. Passkeys
  // that are gone (revoked, deleted) are found through the user's own registration events.
  const registered = await db.auditEvent.findMany({
    where: { communityId, actor: `user:${userId}`, type: { in: ['passkeys.signed_up', 'passkeys.registered'] }, subject: { not: null } },
    select: { subject: true },
  });
  const subjects = [...new Set([userId, ...passkeys.map((p) => p.id), ...devices.map((d) => d.id), ...registered.map((r) => r.subject!)])];
  const events = await db.auditEvent.findMany({
    where: { OR: [{ subject: { in: subjects } }, { actor: `user:${userId}` }], AND: [{ OR: [{ communityId }, { communityId: null }] }] },
    select: { id: true, at: true, type: true, actor: true, result: true, subject: true, ip: true },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: RECENT_EVENTS_LIMIT,
  });
  const metadata = await describeAuthenticators(db, communityId, passkeys.map((p) => p.aaguid));
  return {
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      email: user.email,
      emailVerified: user.emailVerified,
      phone: user.phone,
      phoneVerified: user.phoneVerified,
      status: toUserStatus(user.status),
      createdAt: user.createdAt.toISOString(),
      community: user.community,
    },
    passkeys: passkeys.map((p): TUserPasskeyDto => {
      const m = metadata.get(p.aaguid.toLowerCase());
      return {
        ...toPasskeyDto(p, m ? { name: m.name, icon: m.iconLight } : undefined),
        signCount: p.signCount,
        providerIconLight: m?.iconLight ?? null,
        providerIconDark: m?.iconDark ?? null,
      };
    }),
    devices: devices.map(toDeviceDto),
    events: events.map((e) => ({ id: e.id, at: e.at.toISOString(), type: e.type, actor: e.actor, result: e.result === 'failure' ? 'failure' : 'success', subject: e.subject, ip: e.ip })),
  };
}

/** Name and icons of each AAGUID (getAuthenticatorMetadata: community record, service-wide record, bundled data). */
async function describeAuthenticators(db: TTx, communityId: string, aaguids: string[]): Promise<Map<string, TAuthenticatorMetadata>> {
  const out = new Map<string, TAuthenticatorMetadata>();
  for (const aaguid of new Set(aaguids.map((a) => a.toLowerCase()))) {
    try {
      out.set(aaguid, await getAuthenticatorMetadata({ db, communityId, aaguid }));
    } catch (e) {
      // An unknown model (or the all-zero AAGUID of attestation "none") is shown without a name.
      if (!(e instanceof AppError) || (e.code !== 'metadata.not_found' && e.code !== 'request.validation_failed')) throw e;
    }
  }
  return out;
}
