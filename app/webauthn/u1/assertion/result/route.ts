import { WEBAUTHN_000_HANDLERS, webauthnLicensedRoute } from '@/lib/http/webauthn-principal';

// spec 000 assertion/result (u1: headers and body in clear)
export const dynamic = 'force-dynamic';
export const POST = webauthnLicensedRoute('plain', WEBAUTHN_000_HANDLERS.assertionResult);
