import { getDb } from '@/lib/db';
import { parseInput } from '@/lib/errors/validation';
import { ZCeremonyBody } from '@/lib/admin/bodies';
import { finishOwnPasskeyRegistration } from '@/lib/admin/own-passkeys';
import { adminRoute } from '@/lib/http/admin-route';

export const POST = adminRoute(async ({ principal, readBody, meta }) => {
  const { response } = parseInput(ZCeremonyBody, await readBody());
  return finishOwnPasskeyRegistration({ db: getDb(), principal, response, meta });
});
