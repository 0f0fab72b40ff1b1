'use client';

import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { PasskeyErrorAlert } from './error-alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { createHostedApi, safeRedirectTarget, type THostedUser } from './api';
import { cancelPasskeyCeremony, signInWithAutofill, signInWithPasskey, type TSignInApi } from './ceremonies';
import { describePasskeyError, unsupportedMessage, type TErrorContext, type THumanError } from './error-messages';
import { KeyIcon } from './icons';
import { useHydrated, useWebAuthnSupport } from './use-webauthn-support';

export type TSignInFormProps = {
  /** The hosted JSON API of the community (`/c/{id}/api`), unless `api` is given. */
  apiBase?: string;
  /** The endpoints to use instead of the hosted API's (the admin console signs in through next-auth). */
  api?: TSignInApi;
  rpId: string;
  siteName: string;
  /** Where to go when the server names no `redirectTo`. */
  afterSignInPath: string;
  /** The sign-up page; without it the "Create an account" line is left out. */
  registerPath?: string;
};

type TPending = 'passkey' | 'username' | 'redirect' | null;

/**
 * Sign-in with passkeys, three ways: passkey autofill in the username field (conditional
 * mediation, started on load), a "Sign in with a passkey" button (usernameless, modal), and
 * username-first ("Continue": the account's passkeys in allowCredentials).
 */
export function SignInForm({ apiBase, api: customApi, rpId, siteName, afterSignInPath, registerPath }: TSignInFormProps) {
  const api = useMemo(() => customApi ?? createHostedApi(apiBase ?? ''), [apiBase, customApi]);
  const ctx: TErrorContext = useMemo(() => ({ ceremony: 'authentication', rpId, siteName, noSignUp: !registerPath }), [rpId, siteName, registerPath]);
  const [username, setUsername] = useState('');
  const [pending, setPending] = useState<TPending>(null);
  const [error, setError] = useState<THumanError>();
  const [status, setStatus] = useState('');
  const unsupported = !useWebAuthnSupport();
  const hydrated = useHydrated();
  /** Bumped by every new ceremony; an autofill request from an older generation is ignored. */
  const generation = useRef(0);
  const autofillActive = useRef(false);
  const usernameRef = useRef<HTMLInputElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  /** Forgets any running request: its result (or failure) is dropped when it arrives. */
  const dropPending = useCallback(() => {
    generation.current += 1;
    autofillActive.current = false;
  }, []);

  const finish = useCallback(
    (result: { user: THostedUser; redirectTo?: string } | undefined) => {
      if (!result) return;
      setPending('redirect');
      setStatus(`Signed in as ${result.user.displayName || result.user.username}. Redirecting…`);
      window.location.assign(safeRedirectTarget(result.redirectTo, afterSignInPath, window.location.origin));
    },
    [afterSignInPath],
  );

  const startAutofill = useCallback(() => {
    const gen = ++generation.current;
    autofillActive.current = true;
    const isCurrent = () => gen === generation.current;
    signInWithAutofill(api, isCurrent)
      .then((result) => {
        if (!isCurrent()) return;
        autofillActive.current = false;
        finish(result);
      })
      .catch((e: unknown) => {
        if (!isCurrent()) return;
        autofillActive.current = false;
        // Browser-side endings of autofill (timeout, no passkey) are silent: the user asked for
        // nothing. A server answer after the user picked a passkey is shown.
        const human = describePasskeyError(e, { ...ctx, mediation: 'conditional' });
        if (!human.silent) {
          setStatus('');
          setError(human);
        }
      });
  }, [api, ctx, finish]);

  useEffect(() => {
    if (unsupported) return;
    startAutofill();
    return () => {
      dropPending();
      cancelPasskeyCeremony();
    };
  }, [startAutofill, unsupported, dropPending]);

  useEffect(() => {
    if (!error) return;
    if (error.fields?.username) usernameRef.current?.focus();
    else errorRef.current?.focus();
  }, [error]);

  async function run(kind: 'passkey' | 'username') {
    if (pending) return;
    const name = username.trim();
    if (kind === 'username' && !name) {
      setError({ code: 'client.validation', message: 'Enter your username.', fields: { username: 'Enter your username, or use “Sign in with a passkey”.' }, silent: false });
      return;
    }
    // The new ceremony aborts the autofill request (WebAuthnAbortService); drop its result.
    dropPending();
    setError(undefined);
    setPending(kind);
    setStatus('Waiting for your passkey…');
    try {
      finish(await signInWithPasskey(api, kind === 'username' ? { username: name } : {}));
    } catch (e) {
      const human = describePasskeyError(e, { ...ctx, usernameFirst: kind === 'username' });
      setPending(null);
      setStatus('');
      if (!human.silent) setError(human);
      startAutofill();
    }
  }

  const usernameError = error?.fields?.username;
  const otherFieldErrors = error?.fields ? Object.entries(error.fields).filter(([k]) => k !== 'username') : [];
  const busy = pending !== null;

  return (
    <div className="space-y-5">
      {unsupported ? (
        <Alert tone="warning" title="Passkeys aren't available">
          {unsupportedMessage()}
        </Alert>
      ) : null}
      {error && !usernameError ? (
        <PasskeyErrorAlert ref={errorRef} error={error} extraFieldErrors={otherFieldErrors} title="Couldn't sign you in" cancelledTitle="Sign-in not completed" />
      ) : null}

      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void run('username');
        }}
        className="space-y-4"
      >
        <TextField
          ref={usernameRef}
          id="signin-username"
          name="username"
          label="Username"
          hint="Your saved passkeys appear as suggestions when you select this field."
          autoComplete="username webauthn"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          value={username}
          error={usernameError}
          onChange={(e) => {
            setUsername(e.target.value);
            if (usernameError) setError(undefined);
          }}
          onFocus={() => {
            // Autofill ended (timed out or failed): offer the passkeys again.
            if (!autofillActive.current && !pending && !unsupported) startAutofill();
          }}
        />
        <Button type="submit" fullWidth busy={pending === 'username'} busyLabel="Waiting for your passkey…" disabled={!hydrated || unsupported || (busy && pending !== 'username')}>
          Continue
        </Button>
      </form>

      <div className="flex items-center gap-3 text-sm text-slate-500" aria-hidden="true">
        <span className="h-px flex-1 bg-slate-200" />
        or
        <span className="h-px flex-1 bg-slate-200" />
      </div>

      <Button variant="secondary" fullWidth busy={pending === 'passkey'} busyLabel="Waiting for your passkey…" disabled={!hydrated || unsupported || (busy && pending !== 'passkey')} onClick={() => void run('passkey')}>
        <span className="inline-flex items-center gap-2">
          <KeyIcon />
          Sign in with a passkey
        </span>
      </Button>

      <p role="status" aria-live="polite" className={status ? 'text-center text-sm text-slate-600' : 'sr-only'}>
        {status}
      </p>

      {registerPath ? (
        <p className="text-center text-sm text-slate-600">
          New here?{' '}
          <Link href={registerPath} className="font-semibold text-brand-700 underline-offset-4 hover:underline">
            Create an account
          </Link>
        </p>
      ) : null}
    </div>
  );
}
