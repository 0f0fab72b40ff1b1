import nodemailer from 'nodemailer';
import type { TMessageTransport } from './message';

/** Connect, greeting and idle limits of one SMTP delivery. */
const SMTP_TIMEOUT_MS = 10_000;

/**
 * Email through an SMTP server (LATCHKEY_SMTP_URL, e.g. `smtps://user:password@mail.example.com:465`
 * or `smtp://relay.internal:587`, which upgrades with STARTTLS when the server offers it) with
 * nodemailer. The SMTP server is the operator's own relay, usually on a private network, so it is
 * not subject to the outbound-target check of lib/net/safe-fetch.ts (which guards URLs that
 * could point anywhere). Its URL can hold a password: it is never logged.
 */
export function createSmtpTransport(settings: { url: string; from: string }): TMessageTransport {
  const transporter = nodemailer.createTransport(settings.url, {
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
  return {
    kind: 'smtp',
    async send(message) {
      await transporter.sendMail({ from: settings.from, to: message.to, subject: message.subject ?? '', text: message.text });
    },
  };
}
