'use client';

import { startRegistration } from '@simplewebauthn/browser';
import { useEffect, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { cancelPasskeyCeremony } from '@/components/passkey/ceremonies';
import { describePasskeyError, unsupportedMessage } from '@/components/passkey/error-messages';
import { KeyIcon } from '@/components/passkey/icons';
import { useHydrated, useWebAuthnSupport } from '@/components/passkey/use-webauthn-support';
import { ZEnrollmentInput } from '@/lib/admin/enrollment-schema';
import { adminApi, ApiError, fullPageLoad, nextAuthSignIn } from './api';
import { FormError, useZodForm } from './form';

/**
 * The setup link's form: the new administrator's username and name (checked with the server's
 * schema), then the first passkey is created and the administrator is signed in. The account
 * exists only once the server has verified the passkey and used up the link, in one transaction.
 */
const CONSOLE_HOME = '/admin';

export function AdminSetupForm({ token, rpId }: { token: string; rpId: string }) {
  const supported = useWebAuthnSupport();
  const hydrated = useHydrated();
  const [status, setStatus] = useState('');
  const [done, setDone] = useState(false);
  const [cancelled, setCancelled] = useState<string>();

  useEffect(() => () => cancelPasskeyCeremony(), []);

  const form = useZodForm({
    id: 'setup',
    schema: ZEnrollmentInput,
    initialValues: { username: '', displayName: '' },
    onSubmit: async (values) => {
      setCancelled(undefined);
      setStatus('Follow your browser’s prompt to create a passkey…');
      try {
        const { options } = await adminApi.setupOptions({ token, username: values.username, displayName: values.displayName });
        const response = await startRegistration({ optionsJSON: options });
        await nextAuthSignIn('passkey-setup', { token, response: JSON.stringify(response) });
      } catch (e) {
        setStatus('');
        if (e instanceof ApiError) throw e;
        // A browser-side failure (cancelled prompt, no authenticator …): nothing was saved.
        const human = describePasskeyError(e, { ceremony: 'registration', rpId, siteName: 'the admin console' });
        if (!human.silent) setCancelled(human.message);
        return;
      }
      setDone(true);
      setStatus('Your administrator account is ready. Opening the console…');
      fullPageLoad(CONSOLE_HOME);
    },
  });

  return (
    <div className="space-y-5">
      {!supported ? (
        <Alert tone="warning" title="Passkeys aren't available">
          {unsupportedMessage()}
        </Alert>
      ) : null}
      <FormError message={form.formError} bind={form.bindFormError} title="Couldn't set up your account" />
      {cancelled ? (
        <Alert tone="error" title="Passkey not created">
          {cancelled}
        </Alert>
      ) : null}
      <form noValidate onSubmit={(e) => void form.handleSubmit(e)} className="space-y-4">
        <TextField {...form.field('username')} label="Username" hint="Letters, digits and . _ - @ + (an email address works)." autoComplete="username" autoCapitalize="none" autoCorrect="off" spellCheck={false} required />
        <TextField {...form.field('displayName')} label="Your name" hint="Shown to other administrators and in the audit log." autoComplete="name" required />
        <Button type="submit" fullWidth busy={form.submitting || done} busyLabel={done ? 'Signing you in…' : 'Creating your passkey…'} disabled={!hydrated || !supported}>
          <span className="inline-flex items-center gap-2">
            <KeyIcon className="h-5 w-5 max-sm:hidden" />
            Create passkey and sign in
          </span>
        </Button>
      </form>
      <p role="status" aria-live="polite" className={status ? 'text-center text-sm text-slate-600' : 'sr-only'}>
        {status}
      </p>
    </div>
  );
}
