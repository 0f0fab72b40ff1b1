import { AppError } from '../errors';
import { safeFetch } from '../net/safe-fetch';
import type { TMessageTransport } from './message';

/**
 * SMS through an HTTP webhook (LATCHKEY_SMS_WEBHOOK_URL): a JSON POST `{"to": "+14161234567",
 * "body": "…"}` with the configured Authorization header value, if any. Any 2xx answer counts as
 * handed over. Posted through the one outbound helper (lib/net/safe-fetch.ts): the webhook's
 * address must be public unless LATCHKEY_ALLOW_PRIVATE_WEBHOOKS=true, and redirects are not followed.
 */
export function createSmsWebhookTransport(settings: { url: string; authorization?: string; allowPrivate: boolean; timeoutMs?: number }): TMessageTransport {
  return {
    kind: 'webhook',
    async send(message) {
      const response = await safeFetch(settings.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(settings.authorization ? { authorization: settings.authorization } : {}) },
        body: JSON.stringify({ to: message.to, body: message.text }),
        allowPrivate: settings.allowPrivate,
        timeoutMs: settings.timeoutMs,
        maxResponseBytes: 64 * 1024,
      });
      if (response.status < 200 || response.status > 299) throw new AppError('net.request_failed', { detail: `SMS webhook answered ${response.status}` });
    },
  };
}
