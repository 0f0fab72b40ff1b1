import { WEBAUTHN_000_HANDLERS, webauthnLicensedRoute } from '@/lib/http/webauthn-principal';

// spec 000 Vendor Meta Data fetch: plain (licensekey in clear) and enveloped headers are both accepted.
export const dynamic = 'force-dynamic';
export const POST = webauthnLicensedRoute('auto', WEBAUTHN_000_HANDLERS.fetchVendorMetadata);
