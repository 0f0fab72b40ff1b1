'use client';

import Link from 'next/link';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { PasskeyErrorAlert } from './error-alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { createHostedApi, safeRedirectTarget } from './api';
import { cancelPasskeyCeremony, createPasskey } from './ceremonies';
import { describePasskeyError, unsupportedMessage, type TErrorContext, type THumanError } from './error-messages';
import { KeyIcon } from './icons';
import { useHydrated, useWebAuthnSupport } from './use-webauthn-support';

export type TSignUpFormProps = {
  apiBase: string;
  rpId: string;
  siteName: string;
  afterSignUpPath: string;
  loginPath: string;
};

type TFields = { username: string; displayName: string };

/**
 * The server's own schemas (lib/users/username.ts), loaded on first use rather than with the
 * page: zod is most of the page's script otherwise. Warmed when the user focuses the form.
 */
const loadSchemas = () => import('@/lib/users/username');

/** Field messages from the shared schemas; none when they could not be loaded (the server checks anyway). */
async function checkFields(values: TFields): Promise<Record<string, string>> {
  let schemas: Awaited<ReturnType<typeof loadSchemas>>;
  try {
    schemas = await loadSchemas();
  } catch {
    return {};
  }
  const fields: Record<string, string> = {};
  const username = schemas.ZUsername.safeParse(values.username);
  const displayName = schemas.ZDisplayName.safeParse(values.displayName);
  if (!username.success) fields.username = username.error.issues[0]?.message ?? 'Enter a username.';
  if (!displayName.success) fields.displayName = displayName.error.issues[0]?.message ?? 'Enter your name.';
  return fields;
}
const FIELD_ORDER: (keyof TFields)[] = ['username', 'displayName'];

/**
 * Sign-up: a username and a display name, then the browser creates the account's first passkey.
 * The account exists only once the server has verified that passkey, so a cancelled or failed
 * ceremony leaves nothing behind.
 */
export function SignUpForm({ apiBase, rpId, siteName, afterSignUpPath, loginPath }: TSignUpFormProps) {
  const api = useMemo(() => createHostedApi(apiBase), [apiBase]);
  const ctx: TErrorContext = useMemo(() => ({ ceremony: 'registration', rpId, siteName }), [rpId, siteName]);
  const [values, setValues] = useState<TFields>({ username: '', displayName: '' });
  const [pending, setPending] = useState<'create' | 'redirect' | null>(null);
  const [error, setError] = useState<THumanError>();
  const [status, setStatus] = useState('');
  const supported = useWebAuthnSupport();
  const hydrated = useHydrated();
  const usernameRef = useRef<HTMLInputElement>(null);
  const displayNameRef = useRef<HTMLInputElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  /** Set when a submit fails: the next render moves focus to the first problem. */
  const focusProblem = useRef(false);

  useEffect(() => () => cancelPasskeyCeremony(), []);

  useEffect(() => {
    if (!error || !focusProblem.current) return;
    focusProblem.current = false;
    const firstField = FIELD_ORDER.find((f) => error.fields?.[f]);
    if (firstField === 'username') usernameRef.current?.focus();
    else if (firstField === 'displayName') displayNameRef.current?.focus();
    else errorRef.current?.focus();
  }, [error]);

  async function submit() {
    if (pending) return;
    setPending('create');
    // Same rules and messages as the server, without a round trip.
    const fields = await checkFields(values);
    if (Object.keys(fields).length > 0) {
      setPending(null);
      focusProblem.current = true;
      setError({ code: 'client.validation', message: 'Check the highlighted fields and try again.', fields, silent: false });
      return;
    }
    setError(undefined);
    setStatus('Follow your browser’s prompt to create a passkey…');
    try {
      const result = await createPasskey(api, { username: values.username.trim(), displayName: values.displayName.trim() });
      setPending('redirect');
      setStatus(`Account created. Welcome, ${result.user.displayName}! Redirecting…`);
      window.location.assign(safeRedirectTarget(result.redirectTo, afterSignUpPath, window.location.origin));
    } catch (e) {
      const human = describePasskeyError(e, ctx);
      setPending(null);
      setStatus('');
      if (!human.silent) {
        focusProblem.current = true;
        setError(human);
      }
    }
  }

  const fieldError = (f: keyof TFields) => error?.fields?.[f];
  const change = (f: keyof TFields, value: string) => {
    setValues((v) => ({ ...v, [f]: value }));
    // Editing a field clears its message (and the summary once no field has one left).
    if (error?.fields?.[f]) {
      const rest = Object.fromEntries(Object.entries(error.fields).filter(([k]) => k !== f));
      setError(Object.keys(rest).length > 0 ? { ...error, fields: rest } : undefined);
    }
  };
  const extraFieldErrors = error?.fields ? Object.entries(error.fields).filter(([k]) => !FIELD_ORDER.includes(k as keyof TFields)) : [];
  const onlyFieldErrors = error?.fields && extraFieldErrors.length === 0 && Object.keys(error.fields).length > 0;

  return (
    <div className="space-y-5">
      {!supported ? (
        <Alert tone="warning" title="Passkeys aren't available">
          {unsupportedMessage()}
        </Alert>
      ) : null}
      {error && !onlyFieldErrors ? (
        <PasskeyErrorAlert ref={errorRef} error={error} extraFieldErrors={extraFieldErrors} title="Couldn't create your account" cancelledTitle="Account not created" />
      ) : null}

      <form
        noValidate
        onFocus={() => void loadSchemas().catch(() => undefined)}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        className="space-y-4"
      >
        <TextField
          ref={usernameRef}
          id="signup-username"
          name="username"
          label="Username"
          hint="Letters, digits and . _ - @ + (an email address works)."
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          required
          value={values.username}
          error={fieldError('username')}
          onChange={(e) => change('username', e.target.value)}
        />
        <TextField
          ref={displayNameRef}
          id="signup-display-name"
          name="displayName"
          label="Display name"
          hint="How we greet you, e.g. your full name."
          autoComplete="name"
          required
          value={values.displayName}
          error={fieldError('displayName')}
          onChange={(e) => change('displayName', e.target.value)}
        />
        <Button type="submit" fullWidth busy={pending !== null} busyLabel={pending === 'redirect' ? 'Signing you in…' : 'Creating your passkey…'} disabled={!hydrated || !supported}>
          <span className="inline-flex items-center gap-2">
            {/* Phones: the label alone, so it stays on one line down to 360 px. */}
            <KeyIcon className="h-5 w-5 max-sm:hidden" />
            Create account with a passkey
          </span>
        </Button>
      </form>

      <p className="text-sm text-slate-600">
        A passkey replaces your password: it is stored by your device or password manager and unlocked with your fingerprint, face or screen lock.
      </p>

      <p role="status" aria-live="polite" className={status ? 'text-center text-sm text-slate-600' : 'sr-only'}>
        {status}
      </p>

      <p className="text-center text-sm text-slate-600">
        Already have an account?{' '}
        <Link href={loginPath} className="font-semibold text-brand-700 underline-offset-4 hover:underline">
          Sign in
        </Link>
      </p>
    </div>
  );
}
