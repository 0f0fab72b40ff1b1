'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button, Spinner } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { createHostedApi, type TPasskeyDto } from './api';
import { cancelPasskeyCeremony, createPasskey, signalDeleted } from './ceremonies';
import { describePasskeyError, isServerError, type TErrorContext, type THumanError } from './error-messages';
import { PlusIcon } from './icons';
import { PasskeyItem, type TRenameResult } from './passkey-item';
import { useWebAuthnSupport } from './use-webauthn-support';

export type TPasskeyManagerProps = {
  apiBase: string;
  rpId: string;
  siteName: string;
  loginPath: string;
  /** The last passkey can't be deleted (the admin console: an administrator must keep a way in). */
  keepLast?: boolean;
};

type TFocusTarget = { kind: 'item'; id: string } | { kind: 'heading' } | { kind: 'error' };

/**
 * The account page's passkey list: add another passkey, rename one inline, delete one after a
 * confirmation (with a stronger warning for the last one). Every change is announced in a live
 * region, and focus moves to what changed.
 */
export function PasskeyManager({ apiBase, rpId, siteName, loginPath, keepLast = false }: TPasskeyManagerProps) {
  const api = useMemo(() => createHostedApi(apiBase), [apiBase]);
  const ctx = useCallback((ceremony: TErrorContext['ceremony']): TErrorContext => ({ ceremony, rpId, siteName }), [rpId, siteName]);
  const supported = useWebAuthnSupport();
  const [passkeys, setPasskeys] = useState<TPasskeyDto[] | null>(null);
  const [loadError, setLoadError] = useState<THumanError>();
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<THumanError>();
  const [status, setStatus] = useState('');
  const [toDelete, setToDelete] = useState<TPasskeyDto | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string>();
  const [focusTarget, setFocusTarget] = useState<TFocusTarget | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const itemNames = useRef(new Map<string, HTMLHeadingElement>());

  const signedOut = useCallback(() => window.location.assign(loginPath), [loginPath]);

  const load = useCallback(
    () =>
      api.listPasskeys().then(
        (r) => {
          setPasskeys(r.passkeys);
          setLoadError(undefined);
        },
        (e: unknown) => {
          if (isServerError(e) && e.code === 'auth.unauthenticated') return signedOut();
          setLoadError(describePasskeyError(e, ctx('management')));
        },
      ),
    [api, ctx, signedOut],
  );

  useEffect(() => {
    void load();
    return () => cancelPasskeyCeremony();
  }, [load]);

  useEffect(() => {
    if (!focusTarget) return;
    if (focusTarget.kind === 'heading') headingRef.current?.focus();
    else if (focusTarget.kind === 'error') errorRef.current?.focus();
    else itemNames.current.get(focusTarget.id)?.focus();
  }, [focusTarget]);

  async function add() {
    if (adding) return;
    setAdding(true);
    setError(undefined);
    setStatus('Follow your browser’s prompt to create a passkey…');
    try {
      const { passkey } = await createPasskey(api, {});
      // The list is newest first, like the server's.
      setPasskeys((list) => [passkey, ...(list ?? []).filter((p) => p.id !== passkey.id)]);
      setStatus(`New passkey added: “${passkey.name}”. You can rename it.`);
      setFocusTarget({ kind: 'item', id: passkey.id });
    } catch (e) {
      const human = describePasskeyError(e, ctx('registration'));
      if (human.code === 'auth.unauthenticated') return signedOut();
      setStatus('');
      if (!human.silent) {
        setError(human);
        setFocusTarget({ kind: 'error' });
      }
    } finally {
      setAdding(false);
    }
  }

  async function rename(passkey: TPasskeyDto, name: string): Promise<TRenameResult> {
    try {
      const { passkey: updated } = await api.renamePasskey(passkey.id, name);
      setPasskeys((list) => (list ?? []).map((p) => (p.id === updated.id ? updated : p)));
      setStatus(`Passkey renamed to “${updated.name}”.`);
      return { ok: true };
    } catch (e) {
      const human = describePasskeyError(e, ctx('management'));
      if (human.code === 'auth.unauthenticated') signedOut();
      if (human.code === 'passkeys.not_found') void load();
      return { ok: false, message: human.fields?.name ?? human.message };
    }
  }

  async function confirmDelete() {
    if (!toDelete || deleting) return;
    const target = toDelete;
    setDeleting(true);
    setDeleteError(undefined);
    try {
      await api.deletePasskey(target.id);
      signalDeleted(rpId, target.credentialId);
      setPasskeys((list) => (list ?? []).filter((p) => p.id !== target.id));
      setToDelete(null);
      setStatus(`Passkey “${target.name}” deleted.`);
      setFocusTarget({ kind: 'heading' });
    } catch (e) {
      const human = describePasskeyError(e, ctx('management'));
      if (human.code === 'auth.unauthenticated') return signedOut();
      if (human.code === 'passkeys.not_found') {
        // Already gone (another tab): the list catches up, nothing else to do.
        setToDelete(null);
        setStatus(`Passkey “${target.name}” was already deleted.`);
        setFocusTarget({ kind: 'heading' });
        void load();
      } else setDeleteError(human.message);
    } finally {
      setDeleting(false);
    }
  }

  const isLast = passkeys !== null && passkeys.length === 1 && toDelete !== null;
  const locked = adding || deleting;
  const onlyOneKept = keepLast && passkeys !== null && passkeys.length === 1;

  return (
    <section aria-labelledby="passkeys-heading">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div>
          <h2 id="passkeys-heading" ref={headingRef} tabIndex={-1} className="text-lg font-semibold text-slate-900 focus:outline-none">
            Your passkeys
          </h2>
          <p className="text-sm text-slate-600">Passkeys you can use to sign in to {siteName}.</p>
        </div>
        <Button onClick={() => void add()} busy={adding} busyLabel="Adding passkey…" disabled={!supported || passkeys === null} className="shrink-0">
          <span className="inline-flex items-center gap-1.5">
            <PlusIcon className="h-4 w-4" />
            Add a passkey
          </span>
        </Button>
      </div>

      <p role="status" aria-live="polite" className={status ? 'mt-4 text-sm text-slate-700' : 'sr-only'} data-testid="passkeys-status">
        {status}
      </p>

      {error ? (
        <Alert ref={errorRef} tone="error" title={error.code === 'client.cancelled' ? 'Passkey not added' : "Couldn't add the passkey"} className="mt-4">
          {error.message}
        </Alert>
      ) : null}

      {loadError ? (
        <Alert tone="error" title="Couldn't load your passkeys" className="mt-4">
          <p>{loadError.message}</p>
          <Button size="sm" variant="secondary" className="mt-2" onClick={() => void load()}>
            Try again
          </Button>
        </Alert>
      ) : passkeys === null ? (
        <p className="mt-6 flex items-center gap-2 text-sm text-slate-600">
          <Spinner /> Loading your passkeys…
        </p>
      ) : passkeys.length === 0 ? (
        <Alert tone="warning" title="You have no passkeys" className="mt-4" role="note">
          You won&apos;t be able to sign in to {siteName} again after you sign out. Add a passkey now.
        </Alert>
      ) : (
        <ul aria-labelledby="passkeys-heading" className="mt-2 divide-y divide-slate-200">
          {passkeys.map((p) => (
            <PasskeyItem
              key={p.id}
              passkey={p}
              locked={locked}
              deleteDisabledReason={onlyOneKept ? 'only-passkey-note' : undefined}
              onRename={(name) => rename(p, name)}
              onDelete={() => {
                setDeleteError(undefined);
                setToDelete(p);
              }}
              nameRef={(el) => {
                if (el) itemNames.current.set(p.id, el);
                else itemNames.current.delete(p.id);
              }}
            />
          ))}
        </ul>
      )}
      {onlyOneKept ? (
        <p id="only-passkey-note" className="mt-2 text-sm text-slate-600">
          This is your only passkey, so it can&apos;t be deleted. Add another passkey (for example a security key or your phone) first: then you can still sign in if a device is lost.
        </p>
      ) : null}

      <ConfirmDialog
        open={toDelete !== null}
        title={isLast ? 'Delete your only passkey?' : 'Delete this passkey?'}
        confirmLabel={isLast ? 'Delete my only passkey' : 'Delete passkey'}
        tone="danger"
        busy={deleting}
        busyLabel="Deleting…"
        error={deleteError}
        onCancel={() => setToDelete(null)}
        onConfirm={() => void confirmDelete()}
      >
        {isLast ? (
          <p className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 font-medium text-red-800">
            This is your only passkey. Once it is deleted you won&apos;t be able to sign in to {siteName} any more, unless you add another passkey before you sign out.
          </p>
        ) : null}
        <p>
          “{toDelete?.name}” will no longer sign you in to {siteName}. The passkey itself stays in {toDelete?.providerName ?? 'your device or password manager'}: remove it there too if you no longer need it.
        </p>
      </ConfirmDialog>
    </section>
  );
}
