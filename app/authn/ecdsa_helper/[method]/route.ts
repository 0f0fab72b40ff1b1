import { getConfig } from '@/lib/config';
import { authnRoute } from '@/lib/http/route';
import { runEcdsaHelper } from '@/lib/envelope/ecdsa-helper';

export const POST = authnRoute<{ method: string }>(async ({ params, readBody }) => runEcdsaHelper({ method: params.method, input: await readBody(), curve: getConfig().envelopeCurve }));
