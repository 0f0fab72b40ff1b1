import { getConfig } from '@/lib/config';
import { fido2Version } from '@/lib/fido2-api/version';
import { fido2PublicRoute } from '@/lib/http/fido2-route';

// 002 version: {hash, version} of this build.
export const dynamic = 'force-dynamic';
export const GET = fido2PublicRoute(async () => fido2Version(getConfig().version));
