import { z } from 'zod';
import { ZListQuery, listQueryFromSearchParams } from '../admin/list-query';
import { OTP_DIGITS } from '../otp/otp-code';
import type { TOutboxMessageDto } from './list-outbox-messages';

/**
 * The OTP outbox as the admin console shows it (read-only): the list query with its filters, the
 * DTOs, and the masking of one-time codes.
 */

const ZOptionalId = z
  .string()
  .trim()
  .max(128)
  .optional()
  .transform((v) => (v ? v : undefined));

/** `?q=&page=&pageSize=&communityId=&channel=&status=`; `q` matches the recipient or the subject. */
export const ZAdminOutboxQuery = ZListQuery.extend({
  communityId: ZOptionalId,
  channel: z.enum(['email', 'sms']).optional(),
  status: z.enum(['outbox', 'sent', 'failed']).optional(),
}).strict();
export type TAdminOutboxQuery = z.output<typeof ZAdminOutboxQuery>;
export type TAdminOutboxQueryInput = z.input<typeof ZAdminOutboxQuery>;

/** The query of a page's URL: bad filter values are dropped instead of failing the page. */
export function adminOutboxQueryFromSearchParams(params: Record<string, string | string[] | undefined>): TAdminOutboxQuery {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const pick = <K extends 'communityId' | 'channel' | 'status'>(key: K): TAdminOutboxQuery[K] | undefined => {
    const parsed = ZAdminOutboxQuery.shape[key].safeParse(first(params[key]));
    return parsed.success ? (parsed.data as TAdminOutboxQuery[K]) : undefined;
  };
  return { ...listQueryFromSearchParams(params), communityId: pick('communityId'), channel: pick('channel'), status: pick('status') };
}

type TRef = { id: string; name: string };

/** A list row: no body (the detail view shows it, masked). */
export type TAdminOutboxRowDto = Omit<TOutboxMessageDto, 'body' | 'communityId'> & { community: TRef };

export type TAdminOutboxMessageDto = TAdminOutboxRowDto & {
  body: string;
  /** Whether a one-time code in the body was masked (it may still work; see maskOneTimeCodes). */
  codeMasked: boolean;
  /** When the body will be shown in full (the latest moment its code can still be used), if masked. */
  codeHiddenUntil: string | null;
};

const MASK = '•'.repeat(OTP_DIGITS);
const CODE = new RegExp(`(?<![0-9])[0-9]{${OTP_DIGITS}}(?![0-9])`, 'g');

/**
 * Masks the one-time codes in a message body while they may still work.
 *
 * Only bodies kept by the developer outbox (`status: "outbox"`) hold a code in clear: a message a
 * transport carried is stored already redacted (lib/messaging/send-message.ts). An administrator
 * needs to see what was sent, not to be able to sign in as the user, so a code is masked until
 * `createdAt + otpTtlSeconds` (the code's own expiry: issued with the message, valid that long),
 * and shown in full afterwards, when it is only a record. Codes are the only runs of exactly
 * `OTP_DIGITS` digits in the messages lib/otp writes.
 */
export function maskOneTimeCodes(message: { body: string; status: string; createdAt: Date }, options: { otpTtlSeconds: number; now: Date }): { body: string; codeMasked: boolean; codeHiddenUntil: string | null } {
  const until = new Date(message.createdAt.getTime() + options.otpTtlSeconds * 1000);
  if (message.status !== 'outbox' || until <= options.now || !CODE.test(message.body)) return { body: message.body, codeMasked: false, codeHiddenUntil: null };
  CODE.lastIndex = 0;
  return { body: message.body.replace(CODE, MASK), codeMasked: true, codeHiddenUntil: until.toISOString() };
}
