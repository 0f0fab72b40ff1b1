import { authnService } from '@/lib/http/service-routes';

// Unknown paths under /authn answer 404 in the surface's error format, for every method.
export const dynamic = 'force-dynamic';
export const GET = authnService.notFound;
export const POST = authnService.notFound;
export const PUT = authnService.notFound;
export const PATCH = authnService.notFound;
export const DELETE = authnService.notFound;
