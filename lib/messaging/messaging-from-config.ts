import type { TMessagingSettings } from '../config';
import type { TMessaging } from './message';
import { createOutboxTransport } from './outbox-transport';
import { createSmsWebhookTransport } from './sms-webhook-transport';
import { createSmtpTransport } from './smtp-transport';

const cache = new Map<TMessagingSettings, TMessaging>();

/**
 * The transports the configuration selects: SMTP for email when LATCHKEY_SMTP_URL is set, the
 * webhook for SMS when LATCHKEY_SMS_WEBHOOK_URL is set, the database outbox (and the log)
 * otherwise. Built once per configuration object; transports hold no request state.
 */
export function messagingFromConfig(settings: TMessagingSettings): TMessaging {
  let messaging = cache.get(settings);
  if (!messaging) {
    const outbox = createOutboxTransport();
    messaging = {
      email: settings.smtp ? createSmtpTransport(settings.smtp) : outbox,
      sms: settings.smsWebhook ? createSmsWebhookTransport({ ...settings.smsWebhook, allowPrivate: settings.allowPrivateTargets }) : outbox,
    };
    cache.set(settings, messaging);
  }
  return messaging;
}
