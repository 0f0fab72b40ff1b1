import { problemRoute } from '@/lib/http/route';
import { runMinimalApiCall } from '@/lib/minimal-api/call';
import { MINIMAL_API_CORS, corsPreflight, withCors } from '@/lib/http/cors';
import { respondAuthentication } from '@/lib/minimal-api/authentication';

// Spec 001 (WIRE-NOTES §4): verify the assertion for the ceremony of a request call.
// X-Api-Key names the community; the rpId is the host of the request's Origin; errors are
// RFC 9457 problem documents. Callable from customers' pages on other origins (CORS, see lib/http/cors.ts).
export const dynamic = 'force-dynamic';
export const POST = withCors(problemRoute((ctx) => runMinimalApiCall(ctx, respondAuthentication)));
export const OPTIONS = corsPreflight(MINIMAL_API_CORS);
