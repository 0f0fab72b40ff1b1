import { listFido2Passkeys } from '@/lib/fido2-api/passkeys';
import { fido2Preflight, fido2UserRoute } from '@/lib/http/fido2-route';

// 002 passkeys: the token user's passkeys.
export const dynamic = 'force-dynamic';
export const GET = fido2UserRoute(['passkey:read'], async ({ db, caller }) => Response.json(await listFido2Passkeys({ db, caller })));
export const OPTIONS = fido2Preflight;
