import { WEBAUTHN_000_HANDLERS, webauthnLicensedRoute } from '@/lib/http/webauthn-principal';

// spec 000 unregister: u1-style (clear) and enveloped headers are both accepted.
export const dynamic = 'force-dynamic';
export const DELETE = webauthnLicensedRoute('auto', WEBAUTHN_000_HANDLERS.unregister);
