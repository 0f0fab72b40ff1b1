'use client';

import { useEffect, useRef, useState, type Ref } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import type { TPasskeyDto } from './api';
import { CloudIcon, DeviceIcon } from './icons';
import { ProviderIcon } from './provider-icon';

import { PASSKEY_NAME_MAX } from '@/lib/passkeys/passkey-dto';

const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function formatDate(iso: string, withTime: boolean): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : (withTime ? DATE_TIME : DATE).format(d);
}

/** Synced (backed up, multi-device) vs device-bound, per the backup flags (WebAuthn §6.1.3). */
export function SyncBadge({ passkey }: { passkey: Pick<TPasskeyDto, 'synced' | 'backupEligible'> }) {
  if (passkey.synced)
    return (
      <span className="inline-flex items-center gap-1 rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-emerald-200">
        <CloudIcon />
        Synced
      </span>
    );
  if (!passkey.backupEligible)
    return (
      <span className="inline-flex items-center gap-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-slate-200">
        <DeviceIcon />
        This device only
      </span>
    );
  return (
    <span className="inline-flex items-center gap-1 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-amber-200">
      <CloudIcon />
      Not backed up yet
    </span>
  );
}

/** A human-readable error of a rename attempt, shown under the name field. */
export type TRenameResult = { ok: true } | { ok: false; message: string };

export type TPasskeyItemProps = {
  passkey: TPasskeyDto;
  /** Rename through the API; resolves with a field message on failure. */
  onRename: (name: string) => Promise<TRenameResult>;
  onDelete: () => void;
  /** Another action is running on the page: actions are unavailable. */
  locked: boolean;
  /** Delete is not offered; the id of the element that says why. */
  deleteDisabledReason?: string;
  nameRef?: Ref<HTMLHeadingElement>;
  deleteButtonRef?: Ref<HTMLButtonElement>;
};

/** One passkey: provider, name, sync state, dates; rename inline and delete (confirmed by the parent). */
export function PasskeyItem({ passkey, onRename, onDelete, locked, deleteDisabledReason, nameRef, deleteButtonRef }: TPasskeyItemProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(passkey.name);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const inputRef = useRef<HTMLInputElement>(null);
  const renameButtonRef = useRef<HTMLButtonElement>(null);
  /** Where focus goes when the edit mode changes: the field on open, the Rename button on close. */
  const focusAfter = useRef<'input' | 'rename' | null>(null);
  const fieldId = `passkey-name-${passkey.id}`;
  // The provider line is left out when the name already says it (the default name is the provider's).
  const provider = passkey.providerName ?? 'Unknown passkey provider';
  const showProvider = provider !== passkey.name;

  useEffect(() => {
    if (focusAfter.current === 'input') inputRef.current?.select();
    else if (focusAfter.current === 'rename') renameButtonRef.current?.focus();
    focusAfter.current = null;
  }, [editing]);

  function open() {
    setDraft(passkey.name);
    setError(undefined);
    focusAfter.current = 'input';
    setEditing(true);
  }

  function close() {
    focusAfter.current = 'rename';
    setEditing(false);
    setError(undefined);
  }

  async function save() {
    if (saving) return;
    const name = draft.trim();
    if (name.length < 1 || name.length > PASSKEY_NAME_MAX) {
      setError(`Enter a name of 1 to ${PASSKEY_NAME_MAX} characters.`);
      inputRef.current?.focus();
      return;
    }
    if (name === passkey.name) {
      close();
      return;
    }
    setSaving(true);
    const result = await onRename(name);
    setSaving(false);
    if (result.ok) close();
    else {
      setError(result.message);
      inputRef.current?.focus();
    }
  }

  return (
    <li className="flex gap-3 py-4" data-testid="passkey-item" data-passkey-id={passkey.id}>
      <ProviderIcon icon={passkey.providerIcon} name={passkey.providerName ?? passkey.name} />
      <div className="flex min-w-0 flex-1 flex-col gap-3 sm:flex-row sm:items-start">
        <div className="min-w-0 flex-1">
          {editing ? (
            <form
              noValidate
              className="flex flex-col gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                void save();
              }}
              onKeyDown={(e) => {
                if (e.key === 'Escape' && !saving) {
                  e.preventDefault();
                  close();
                }
              }}
            >
              <TextField
                ref={inputRef}
                id={fieldId}
                label="Passkey name"
                hint={`Up to ${PASSKEY_NAME_MAX} characters. Press Escape to cancel.`}
                value={draft}
                maxLength={PASSKEY_NAME_MAX}
                autoComplete="off"
                error={error}
                onChange={(e) => {
                  setDraft(e.target.value);
                  if (error) setError(undefined);
                }}
              />
              <div className="flex gap-2">
                <Button type="submit" size="sm" busy={saving} busyLabel="Saving…">
                  Save
                </Button>
                <Button size="sm" variant="secondary" onClick={close} disabled={saving}>
                  Cancel
                </Button>
              </div>
            </form>
          ) : (
            <h3 ref={nameRef} tabIndex={-1} className="break-words text-base font-semibold text-slate-900 focus:outline-none focus-visible:outline-2">
              {passkey.name}
            </h3>
          )}
          <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-600">
            {showProvider ? <span>{provider}</span> : null}
            <SyncBadge passkey={passkey} />
          </div>
          <dl className="mt-1.5 grid grid-cols-[auto_1fr] gap-x-2 text-sm text-slate-500">
            <dt>Created</dt>
            <dd>
              <time dateTime={passkey.createdAt}>{formatDate(passkey.createdAt, false)}</time>
            </dd>
            <dt>Last used</dt>
            <dd>{passkey.lastUsedAt ? <time dateTime={passkey.lastUsedAt}>{formatDate(passkey.lastUsedAt, true)}</time> : 'Never'}</dd>
          </dl>
        </div>
        {editing ? null : (
          <div className="flex shrink-0 gap-2">
            <Button ref={renameButtonRef} size="sm" variant="secondary" onClick={open} disabled={locked}>
              Rename<span className="sr-only"> passkey {passkey.name}</span>
            </Button>
            <Button ref={deleteButtonRef} size="sm" variant="danger-secondary" onClick={onDelete} disabled={locked || deleteDisabledReason !== undefined} aria-describedby={deleteDisabledReason}>
              Delete<span className="sr-only"> passkey {passkey.name}</span>
            </Button>
          </div>
        )}
      </div>
    </li>
  );
}
