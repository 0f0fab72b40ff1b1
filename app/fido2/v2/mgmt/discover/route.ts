import { discoverPasskeyOptions } from '@/lib/fido2-api/discover';
import { fido2ManagementRoute } from '@/lib/http/fido2-route';

// 002 mgmt "Discover passkey authentication options": `{deviceInfo, user, userAgent}`.
export const POST = fido2ManagementRoute(async ({ db, kek, caller, readBody }) =>
  discoverPasskeyOptions({ db, kek: kek(), application: caller.application, input: await readBody() }),
);
