import { z } from 'zod';
import { findActiveApplication } from '../applications/find-application';
import type { TApplicationDto } from '../applications/application';
import type { TTx } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { ZOtpCode } from '../otp/otp-code';

/**
 * Bodies of the 002 OTP endpoints and the application they act for. The OpenAPI bodies of
 * `auth/otp/email|sms|verify` and `profile/*\/verify` carry no application, but a user, a code and
 * a token are always of one application (and its community): these calls take the same `app`
 * object as the init calls (`{"app": {"id": "…"}}`, 002 `Application`).
 */
export const ZAppRef = z.object({ id: z.string().trim().min(1).max(128), token: z.string().max(4096).optional() });

export const ZUserLogin = z.object({ username: z.string().trim().min(1, 'username is required').max(320), usernameType: z.enum(['email', 'phone', 'other']).default('other') });

/** `auth/otp/email` and `auth/otp/sms`: `{user: UserLogin, app}`. */
export const ZOtpRequestBody = z.object({ user: ZUserLogin, app: ZAppRef.optional() });

/** `auth/otp/verify`: `{authCode, user: UserLogin, app}`. */
export const ZOtpVerifyBody = z.object({ authCode: ZOtpCode, user: ZUserLogin, app: ZAppRef.optional() });

/**
 * The active application a public 002 call names in `app.id`.
 * @throws AppError `fido2.application_required`, `applications.not_found`
 */
export async function applicationOfBody(db: TTx, body: unknown): Promise<TApplicationDto> {
  const app = (body && typeof body === 'object' ? (body as { app?: unknown }).app : undefined) as { id?: unknown } | undefined;
  if (app === undefined || app === null) throw new AppError('fido2.application_required');
  const ref = parseInput(ZAppRef, app);
  return findActiveApplication({ db, applicationId: ref.id });
}
