import { getDb } from '@/lib/db';
import { hostedRoute } from '@/lib/http/hosted-route';
import { parseInput } from '@/lib/errors/validation';
import { ZRegistrationOptionsBody } from '@/lib/passkeys/hosted-bodies';
import { startRegistration, type TSignUpInput } from '@/lib/passkeys/start-registration';

// Sign-up when signed out; "add a passkey" when signed in.
export const POST = hostedRoute<{ communityId: string }>(async ({ communityId, readBody, session }) => {
  const signedIn = await session();
  const body = parseInput(ZRegistrationOptionsBody, await readBody());
  return startRegistration({ db: getDb(), communityId, signUp: signedIn ? undefined : (body as TSignUpInput), userId: signedIn?.user.id });
});
