import { z } from 'zod';

/**
 * Email addresses and phone numbers of a profile. Emails are stored trimmed and lower-cased (the
 * local part is case-sensitive in theory, never in practice, and one spelling per address keeps
 * look-ups exact). Phone numbers are E.164: `+`, country code, subscriber number, 8 to 15 digits
 * in all (ITU-T E.164 §6), spaces, dots, dashes and parentheses removed first.
 */
export const ZEmail = z
  .string()
  .trim()
  .max(254)
  .transform((v) => v.toLowerCase())
  .pipe(z.email());

export const ZPhoneNumber = z
  .string()
  .transform((v) => v.replace(/[\s().-]/g, ''))
  .pipe(z.string().regex(/^\+[1-9]\d{7,14}$/));

/** Whether a login name looks like an email address or a phone number (to find a user by a verified one). */
export function loginKind(value: string): 'email' | 'phone' | 'other' {
  if (ZEmail.safeParse(value).success) return 'email';
  if (ZPhoneNumber.safeParse(value).success) return 'phone';
  return 'other';
}
