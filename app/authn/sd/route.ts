import { authnService } from '@/lib/http/service-routes';

export const dynamic = 'force-dynamic';
export const GET = authnService.sd;
