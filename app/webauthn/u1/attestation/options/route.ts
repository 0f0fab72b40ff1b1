import { WEBAUTHN_000_HANDLERS, webauthnLicensedRoute } from '@/lib/http/webauthn-principal';

// spec 000 attestation/options (u1: headers and body in clear)
export const dynamic = 'force-dynamic';
export const POST = webauthnLicensedRoute('plain', WEBAUTHN_000_HANDLERS.attestationOptions);
