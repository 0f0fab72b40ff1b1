import { getFido2AaguidMetadata } from '@/lib/fido2-api/passkeys';
import { fido2Preflight, fido2UserRoute } from '@/lib/http/fido2-route';

// 002 passkeys/aaguid/{aaguid}: name and icons of an authenticator model, as the community knows it.
export const dynamic = 'force-dynamic';
export const GET = fido2UserRoute<{ aaguid: string }>(['passkey:read'], async ({ db, caller, params }) => getFido2AaguidMetadata({ db, caller, aaguid: params.aaguid }));
export const OPTIONS = fido2Preflight;
