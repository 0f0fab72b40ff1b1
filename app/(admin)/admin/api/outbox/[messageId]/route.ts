import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { getOutboxMessage } from '@/lib/messaging/get-outbox-message';
import { adminRoute } from '@/lib/http/admin-route';

// One message with its body (a code that may still work is masked).
export const GET = adminRoute<{ messageId: string }>(async ({ principal, params }) => ({
  message: await getOutboxMessage({ db: getDb(), principal, messageId: params.messageId, otpTtlSeconds: getConfig().otp.ttlSeconds }),
}));
