import { WEBAUTHN_000_HANDLERS, webauthnLicensedRoute } from '@/lib/http/webauthn-principal';

// spec 000 assertion/result (enveloped: WIRE-NOTES §1)
export const dynamic = 'force-dynamic';
export const POST = webauthnLicensedRoute('enveloped', WEBAUTHN_000_HANDLERS.assertionResult);
