import type { TTx } from '../db';
import { recordDevice, ZDeviceInfo } from '../devices/record-device';
import type { TApplicationDto } from '../applications/application';
import { issueJwtAccess, SIGNED_IN_SCOPES } from '../tokens/jwt-access';

/** OpenAPI `JWT`: the answer of auth/complete and reg/complete. */
export type TFido2SignedIn = { deviceId: string; jwtAccess: string; passkeyId: string; userId: string };

/**
 * Records the device of a completed ceremony (the `deviceInfo` its init call sent, kept with the
 * ceremony) as the user's, and makes it the passkey's device (where it was last used). Runs in
 * the ceremony's own transaction (finishAuthentication `onVerified`, finishRegistration
 * `onRegistered`). Returns the device id.
 */
export async function recordCeremonyDevice(tx: TTx, options: { communityId: string; userId: string; passkeyId: string; context: Record<string, unknown>; now?: Date }): Promise<string> {
  const info = ZDeviceInfo.safeParse(options.context.deviceInfo ?? {});
  const { id } = await recordDevice({ db: tx, communityId: options.communityId, userId: options.userId, info: info.success ? info.data : {}, now: options.now });
  await tx.passkey.updateMany({ where: { id: options.passkeyId, communityId: options.communityId, userId: options.userId }, data: { deviceId: id } });
  return id;
}

/**
 * The answer of a completed sign-in or registration: a jwtAccess for the application with the
 * scopes of a signed-in user and the passkey used (`credID`).
 */
export async function signedInAnswer(options: {
  db: TTx;
  kek: Buffer;
  origin: string;
  app: TApplicationDto;
  user: { id: string; username: string };
  passkey: { id: string; credentialId: string };
  deviceId: string;
  now?: Date;
}): Promise<TFido2SignedIn> {
  const jwtAccess = await issueJwtAccess({
    db: options.db,
    kek: options.kek,
    origin: options.origin,
    app: options.app,
    user: options.user,
    credId: options.passkey.credentialId,
    scopes: SIGNED_IN_SCOPES,
    now: options.now,
  });
  return { deviceId: options.deviceId, jwtAccess, passkeyId: options.passkey.id, userId: options.user.id };
}
