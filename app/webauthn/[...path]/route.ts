import { webauthnService } from '@/lib/http/service-routes';

// Unknown paths under /webauthn answer 404 in the surface's error format, for every method.
export const dynamic = 'force-dynamic';
export const GET = webauthnService.notFound;
export const POST = webauthnService.notFound;
export const PUT = webauthnService.notFound;
export const PATCH = webauthnService.notFound;
export const DELETE = webauthnService.notFound;
