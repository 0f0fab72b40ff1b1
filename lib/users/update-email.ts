import { z } from 'zod';
import type { TOtpSettings } from '../config';
import type { TDb, TTx } from '../db';
import type { TMessaging } from '../messaging/message';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { ZEmail } from './contact';
import { loadProfileUser, parseContactBody, sendContactCode, writeProfileEvent, type TProfileTarget } from './profile-target';

export const ZUpdateEmailInput = z.object({ email: ZEmail, requestVerification: z.boolean().default(true) });

/**
 * Sets a profile's email address (002 `profile/{id}/email`, body `{email, requestVerification}`).
 * - `requestVerification` (default): the profile does not change yet. A code goes to the new
 *   address; the address waits, as the target of that code, until `profile/email/verify` proves
 *   the user reads it (verify-contact.ts). A failed delivery is an error, so the user knows no
 *   code is coming.
 * - `requestVerification: false`: the address is set at once, unverified (an address only counts
 *   as verified once a code sent to it came back; the same address again keeps its state). Codes
 *   are never sent to an unverified address.
 * @throws AppError `request.validation_failed`, `profile.invalid_email`, `users.not_found`,
 *   `otp.rate_limited`, `messaging.delivery_failed`
 */
export async function updateEmail(options: {
  db: TDb;
  kek: Buffer;
  settings: TOtpSettings;
  messaging: TMessaging;
  target: TProfileTarget;
  input: unknown;
  meta?: TRequestMeta;
  now?: Date;
}): Promise<void> {
  const { db, target } = options;
  const input = parseContactBody(ZUpdateEmailInput, 'email', options.input);
  const user = await loadProfileUser(db, target);
  if (input.requestVerification) {
    await sendContactCode({ ...options, transport: options.messaging.email, user, channel: 'email', address: input.email });
    return;
  }
  const emailVerified = user.email === input.email && user.emailVerified;
  await db.$transaction(async (tx: TTx) => {
    await tx.user.update({ where: { id: user.id }, data: { email: input.email, emailVerified } });
    await writeProfileEvent(tx, { type: 'profile.email_updated', target, user, meta: options.meta, detail: { verified: emailVerified } });
  });
}
