import type { TOutgoingMessage } from '../messaging/message';
import type { TOtpPurpose } from './otp-code';

const MASK = '••••••';

/** The email or SMS that carries a code; its redacted text masks the code (messaging/message.ts). */
export function otpMessage(options: { channel: 'email' | 'sms'; to: string; code: string; purpose: TOtpPurpose; serviceName: string; ttlSeconds: number }): TOutgoingMessage {
  const minutes = Math.max(1, Math.round(options.ttlSeconds / 60));
  const what = options.purpose === 'auth' ? 'sign-in code' : options.purpose === 'email_verify' ? 'email verification code' : 'phone verification code';
  const text = (code: string) =>
    options.channel === 'sms'
      ? `${code} is your ${options.serviceName} ${what}. It expires in ${minutes} min.`
      : `Your ${options.serviceName} ${what} is ${code}.\n\nIt expires in ${minutes} minutes and works once. If you did not ask for it, ignore this message: nobody can use it without access to this mailbox.\n`;
  return {
    channel: options.channel,
    to: options.to,
    ...(options.channel === 'email' ? { subject: `Your ${options.serviceName} ${what}` } : {}),
    text: text(options.code),
    redactedText: text(MASK),
  };
}
