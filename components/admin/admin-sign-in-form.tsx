'use client';

import { SignInForm } from '@/components/passkey/sign-in-form';
import type { TSignInApi } from '@/components/passkey/ceremonies';
import { adminApi, nextAuthSignIn } from './api';

/**
 * The console's sign-in: the hosted pages' passkey sign-in form (autofill in the username field,
 * a passkey button, username-first) over the console's endpoints: options from
 * `/admin/api/session/options`, the assertion to next-auth's `passkey` provider.
 */
const CONSOLE_SIGN_IN_API: TSignInApi = {
  authenticationOptions: (body) => adminApi.signInOptions(body),
  authenticationVerify: async (response) => {
    await nextAuthSignIn('passkey', { response: JSON.stringify(response) });
    const { admin } = await adminApi.session();
    return { user: { id: admin.id, username: admin.username, displayName: admin.displayName } };
  },
};

export function AdminSignInForm({ rpId, afterSignInPath }: { rpId: string; afterSignInPath: string }) {
  return <SignInForm api={CONSOLE_SIGN_IN_API} rpId={rpId} siteName="the admin console" afterSignInPath={afterSignInPath} />;
}
