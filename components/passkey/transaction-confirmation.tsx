'use client';

import { startAuthentication } from '@simplewebauthn/browser';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button, Spinner } from '@/components/ui/button';
import { createHostedApi, type TConfirmationView } from './api';
import { describePasskeyError, isServerError, unsupportedMessage, type THumanError } from './error-messages';
import { KeyIcon } from './icons';
import { formatPayload } from './transaction-payload';
import { useHydrated, useWebAuthnSupport } from './use-webauthn-support';

export type TTransactionConfirmationProps = { apiBase: string; rpId: string; siteName: string; txId: string };

/** What the page shows. `closed`: the transaction can't be confirmed any more (why is in `reason`). */
type TState =
  | { kind: 'loading' }
  | { kind: 'invalid'; reason: 'incomplete' | 'unknown' }
  | { kind: 'pending'; view: TConfirmationView }
  | { kind: 'confirmed'; view: TConfirmationView; now: boolean; notified: boolean }
  | { kind: 'closed'; view: TConfirmationView; reason: 'expired' | 'failed' | 'wrong-account' | 'refused'; message?: string };

/** The message the application's page (the window that opened this one) receives. */
export type TConfirmationMessage = { type: 'latchkey.transaction'; txId: string; status: 'confirmed'; credentialId: string; token: string };

/** The session from the fragment (`#session=…`): browsers never send it to any server. */
function sessionFromFragment(): string | undefined {
  const value = new URLSearchParams(window.location.hash.slice(1)).get('session');
  return value && value.length >= 16 ? value : undefined;
}

/** Tells the application's page that opened this one, on its own origins only (postMessage targetOrigin). */
function notifyOpener(view: TConfirmationView, message: TConfirmationMessage): boolean {
  const opener = window.opener as Window | null;
  if (!opener || opener === window) return false;
  let sent = false;
  for (const origin of view.application.origins) {
    try {
      opener.postMessage(message, origin);
      sent = true;
    } catch {
      // An origin that is not the opener's is skipped by the browser; nothing to do.
    }
  }
  return sent;
}

function ValidUntil({ iso }: { iso: string | null }) {
  if (!iso) return null;
  const date = new Date(iso);
  return <time dateTime={iso}>{date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}</time>;
}

function TransactionDetails({ view }: { view: TConfirmationView }) {
  const payload = formatPayload(view.txPayload);
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] items-center gap-x-4 gap-y-2 rounded-xl border border-slate-200 bg-slate-50 px-4 py-3 text-sm">
        <dt className="text-slate-600">Requested by</dt>
        <dd className="font-semibold break-words text-slate-900">{view.application.name}</dd>
        <dt className="text-slate-600">Type</dt>
        <dd className="break-words text-slate-900">
          <code className="rounded bg-white px-1.5 py-0.5 font-mono text-[0.8125rem] ring-1 ring-slate-200">{view.txType}</code>
        </dd>
        {view.status === 'pending' && view.expiresAt ? (
          <>
            <dt className="text-slate-600">Valid until</dt>
            <dd className="text-slate-900">
              <ValidUntil iso={view.expiresAt} />
            </dd>
          </>
        ) : null}
      </dl>
      <section aria-labelledby="tx-payload-title">
        <h2 id="tx-payload-title" className="text-sm font-semibold text-slate-900">
          {view.status === 'pending' ? 'What you are confirming' : view.status === 'confirmed' ? 'What was confirmed' : 'What you were asked to confirm'}
        </h2>
        <p className="mt-0.5 text-xs text-slate-600">{payload.kind === 'json' ? 'Structured data, laid out for reading.' : 'Plain text, shown exactly as signed.'}</p>
        <pre tabIndex={0} aria-labelledby="tx-payload-title" className="mt-2 max-h-72 overflow-auto rounded-lg border border-slate-300 bg-white p-3 font-mono text-[0.8125rem] leading-relaxed break-words whitespace-pre-wrap text-slate-900">
          {payload.text}
        </pre>
        {payload.kind === 'json' ? (
          <details className="mt-2 text-sm">
            <summary className="cursor-pointer font-medium text-brand-700">Show the exact text, as signed</summary>
            <pre className="mt-2 max-h-40 overflow-auto rounded-lg border border-slate-200 bg-slate-50 p-3 font-mono text-xs break-all whitespace-pre-wrap text-slate-800">{view.txPayload}</pre>
          </details>
        ) : null}
      </section>
    </div>
  );
}

/**
 * The hosted transaction confirmation (`/c/{communityId}/tx/{txId}#session=…`): shows what the
 * application asks the user to confirm — the application's name, the type and the payload, as
 * text — and, on the user's click, runs the browser's passkey prompt over the transaction's
 * commitment and completes it. Opened by the application (a link or a popup): a popup's opener
 * gets the result by postMessage, on the application's origins only.
 */
export function TransactionConfirmation({ apiBase, rpId, siteName, txId }: TTransactionConfirmationProps) {
  const api = useMemo(() => createHostedApi(apiBase), [apiBase]);
  const [state, setState] = useState<TState>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<THumanError>();
  const session = useRef<string | undefined>(undefined);
  const resultRef = useRef<HTMLDivElement>(null);
  const unsupported = !useWebAuthnSupport();
  const hydrated = useHydrated();

  /** The state of the transaction as the server sees it now. */
  const fetchState = useCallback(async (): Promise<TState> => {
    const s = sessionFromFragment();
    session.current = s;
    if (!s) return { kind: 'invalid', reason: 'incomplete' };
    try {
      const view = await api.transaction(txId, s);
      if (view.status === 'pending') return { kind: 'pending', view };
      if (view.status === 'confirmed') return { kind: 'confirmed', view, now: false, notified: false };
      return { kind: 'closed', view, reason: view.status };
    } catch {
      return { kind: 'invalid', reason: 'unknown' };
    }
  }, [api, txId]);

  useEffect(() => {
    let live = true;
    const refresh = () => {
      void fetchState().then((next) => {
        if (live) setState(next);
      });
    };
    refresh();
    // A link opened again with another fragment only changes the hash: read the new session.
    window.addEventListener('hashchange', refresh);
    return () => {
      live = false;
      window.removeEventListener('hashchange', refresh);
    };
  }, [fetchState]);

  useEffect(() => {
    if (state.kind !== 'loading' && state.kind !== 'pending') resultRef.current?.focus();
  }, [state.kind]);

  async function confirm() {
    if (state.kind !== 'pending' || busy || !session.current) return;
    const { view } = state;
    setBusy(true);
    setError(undefined);
    try {
      const response = await startAuthentication({ optionsJSON: view.assertionOptions! });
      const result = await api.confirmTransaction(txId, session.current, response);
      const confirmed = { ...view, status: 'confirmed' as const };
      const notified = notifyOpener(view, { type: 'latchkey.transaction', txId, status: 'confirmed', credentialId: result.credentialId, token: result.token });
      setState({ kind: 'confirmed', view: confirmed, now: true, notified });
    } catch (e) {
      const human = describePasskeyError(e, { ceremony: 'authentication', rpId, siteName });
      if (!isServerError(e)) {
        // The browser prompt ended (cancelled, timed out, no passkey here) or the network failed:
        // nothing reached the server, the transaction is still open.
        if (human.code === 'client.cancelled') setError({ ...human, message: `The passkey prompt was closed or timed out, so nothing was signed. Try again, or use a device that has your passkey for ${siteName}.` });
        else if (!human.silent) setError(human);
      } else if (e.code === 'transactions.wrong_account') {
        setState({ kind: 'closed', view: { ...view, status: 'failed' }, reason: 'wrong-account' });
      } else if (e.code === 'passkeys.challenge_expired') {
        setState({ kind: 'closed', view: { ...view, status: 'expired' }, reason: 'expired' });
      } else if (e.code === 'transactions.not_pending' || e.code === 'passkeys.challenge_invalid') {
        setState(await fetchState());
      } else if (e.status >= 500 || e.code === 'service.unavailable') {
        setError(human);
      } else {
        setState({ kind: 'closed', view: { ...view, status: 'failed' }, reason: 'refused', message: human.message });
      }
    } finally {
      setBusy(false);
    }
  }

  if (state.kind === 'loading') {
    return (
      <p role="status" className="flex items-center gap-2 text-slate-600">
        <Spinner /> Loading the request…
      </p>
    );
  }

  if (state.kind === 'invalid') {
    return (
      <Alert ref={resultRef} tone="error" title={state.reason === 'incomplete' ? 'This link is incomplete' : 'This confirmation link isn’t valid'}>
        <p>
          {state.reason === 'incomplete'
            ? 'Open the link exactly as the application gave it to you, or start again from the application.'
            : 'It may be mistyped, for another site, or no longer available. Start again from the application that sent you here.'}
        </p>
      </Alert>
    );
  }

  const { view } = state;
  const appName = view.application.name;
  return (
    <div className="space-y-5">
      {state.kind === 'confirmed' ? (
        <Alert ref={resultRef} tone="success" title={state.now ? 'Confirmed' : 'Already confirmed'}>
          <p>
            {state.now
              ? state.notified
                ? `${appName} has received your confirmation. You can close this page.`
                : `Your confirmation was recorded. You can return to ${appName}.`
              : `This request was already confirmed with a passkey. There is nothing more to do.`}
          </p>
        </Alert>
      ) : null}
      {state.kind === 'closed' ? (
        <Alert ref={resultRef} tone={state.reason === 'expired' ? 'warning' : 'error'} title={CLOSED_TITLES[state.reason]}>
          <p>{closedMessage(state.reason, appName, state.message)}</p>
        </Alert>
      ) : null}
      {error ? (
        <Alert tone="error" title={error.code === 'client.cancelled' ? 'Not confirmed' : 'Couldn’t confirm'}>
          <p>{error.message}</p>
        </Alert>
      ) : null}
      {unsupported && state.kind === 'pending' ? (
        <Alert tone="warning" title="Passkeys aren't available">
          {unsupportedMessage()}
        </Alert>
      ) : null}

      <TransactionDetails view={view} />

      {state.kind === 'pending' ? (
        <div className="space-y-3">
          <Button fullWidth busy={busy} busyLabel="Waiting for your passkey…" disabled={!hydrated || unsupported} onClick={() => void confirm()}>
            <span className="inline-flex items-center gap-2">
              <KeyIcon />
              Confirm with your passkey
            </span>
          </Button>
          <p className="text-sm text-slate-600">Nothing is signed until you use your passkey. If you didn’t ask for this, close this page.</p>
        </div>
      ) : null}
      <p role="status" aria-live="polite" className="sr-only">
        {busy ? 'Waiting for your passkey…' : ''}
      </p>
    </div>
  );
}

const CLOSED_TITLES = {
  expired: 'This request has expired',
  failed: 'This request can no longer be confirmed',
  'wrong-account': 'Wrong account',
  refused: 'Couldn’t confirm',
} as const;

function closedMessage(reason: keyof typeof CLOSED_TITLES, appName: string, message?: string): string {
  switch (reason) {
    case 'expired':
      return `Nothing was signed. Start again from ${appName} to get a new request.`;
    case 'failed':
      return `An attempt to confirm it failed, so it was closed and nothing was confirmed. Start again from ${appName}.`;
    case 'wrong-account':
      return `The passkey you chose belongs to another account than the one this request is for. For your safety the request was closed; sign in to ${appName} with the right account and start again.`;
    case 'refused':
      return `${message ?? 'We couldn’t verify your passkey.'} The request was closed; start again from ${appName}.`;
  }
}
