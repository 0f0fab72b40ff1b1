import crypto from 'node:crypto';
import { z } from 'zod';
import { deriveKey } from '../crypto/tokens';

/** What a code proves once verified. */
export const OTP_PURPOSES = ['auth', 'email_verify', 'phone_verify'] as const;
export type TOtpPurpose = (typeof OTP_PURPOSES)[number];

/** How a code reached the user: shown to a signed-in user (`direct`), by email or by SMS. */
export type TOtpChannel = 'direct' | 'email' | 'sms';

export const OTP_DIGITS = 6;

/** A code as typed by a person: 6 digits (surrounding spaces ignored). */
export const ZOtpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'must be the 6-digit code');

/** A uniformly random 6-digit code from the CSPRNG (no modulo bias: crypto.randomInt). */
export function newOtpCode(): string {
  return crypto.randomInt(0, 10 ** OTP_DIGITS).toString().padStart(OTP_DIGITS, '0');
}

/** The HMAC key of stored codes, derived from the key-encryption key. */
export function otpHashKey(kek: Buffer): Buffer {
  return deriveKey(kek, 'otp-codes');
}

/**
 * The stored form of a code. A 6-digit code has only 10^6 values: a plain hash would be reversed
 * by trying them all, so it is an HMAC under a key derived from the KEK — a copy of the database
 * alone reveals nothing. The code's community, user and purpose are part of the input, so a hash
 * is only valid for the row it was made for.
 */
export function hashOtpCode(key: Buffer, context: { communityId: string; userId: string; purpose: TOtpPurpose }, code: string): string {
  return crypto.createHmac('sha256', key).update(`${context.communityId}\n${context.userId}\n${context.purpose}\n${code}`).digest('hex');
}

/** Constant-time comparison of two hex HMACs. */
export function otpHashesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && crypto.timingSafeEqual(x, y);
}
