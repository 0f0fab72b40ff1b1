import { fido2NotFound, fido2Preflight } from '@/lib/http/fido2-route';

// Unknown paths under /fido2/v2 answer 404 as {msg, msgCode}, for every method.
export const dynamic = 'force-dynamic';
export const GET = fido2NotFound;
export const POST = fido2NotFound;
export const PUT = fido2NotFound;
export const PATCH = fido2NotFound;
export const DELETE = fido2NotFound;
export const OPTIONS = fido2Preflight;
