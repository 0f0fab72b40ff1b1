import { EmptyState } from '@/components/ui/empty-state';
import { SyncBadge } from '@/components/passkey/passkey-item';
import { ProviderIcon } from '@/components/passkey/provider-icon';
import type { TUserPasskeyDto } from '@/lib/users/admin-user-dto';
import { KeyIcon } from '../icons';
import { DateTime } from './format';
import { RevokePasskeyButton } from './revoke-passkey-button';

const TRANSPORT_LABEL: Record<string, string> = { internal: 'This device', hybrid: 'Phone (hybrid)', usb: 'USB', nfc: 'NFC', ble: 'Bluetooth', 'smart-card': 'Smart card' };

/** A user's passkeys: provider (name and icon of the AAGUID), name, dates, backup state, counter, transports; Revoke. */
export function UserPasskeys({ userId, username, passkeys }: { userId: string; username: string; passkeys: TUserPasskeyDto[] }) {
  if (passkeys.length === 0)
    return (
      <EmptyState icon={<KeyIcon className="h-6 w-6" />} title="No passkeys">
        This user can&apos;t sign in with a passkey until they register one.
      </EmptyState>
    );
  return (
    <ul className="divide-y divide-slate-200" aria-label="Passkeys">
      {passkeys.map((p) => (
        <li key={p.id} className="flex gap-3 py-4 first:pt-0 last:pb-0" data-testid="user-passkey">
          {/* The console has a light background: the light-theme icon (providerIconDark is in the API for dark UIs). */}
          <ProviderIcon icon={p.providerIconLight} name={p.providerName ?? p.name} />
          <div className="flex min-w-0 flex-1 flex-col gap-3 sm:flex-row sm:items-start">
            <div className="min-w-0 flex-1">
              <h3 className="font-semibold break-words text-slate-900">{p.name}</h3>
              <p className="text-sm text-slate-600">{p.providerName ?? 'Unknown passkey provider'}</p>
              <div className="mt-2 flex flex-wrap gap-2">
                <SyncBadge passkey={p} />
              </div>
              <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                <dt className="text-slate-500">Created</dt>
                <dd className="text-slate-800">
                  <DateTime iso={p.createdAt} />
                </dd>
                <dt className="text-slate-500">Last used</dt>
                <dd className="text-slate-800">{p.lastUsedAt ? <DateTime iso={p.lastUsedAt} /> : 'Never'}</dd>
                <dt className="text-slate-500">Counter</dt>
                <dd className="text-slate-800 tabular-nums">{p.signCount}</dd>
                <dt className="text-slate-500">Transports</dt>
                <dd className="text-slate-800">{p.transports.length ? p.transports.map((t) => TRANSPORT_LABEL[t] ?? t).join(', ') : 'Not reported'}</dd>
                <dt className="text-slate-500">AAGUID</dt>
                <dd className="font-mono text-xs break-all text-slate-700">{p.aaguid}</dd>
              </dl>
            </div>
            <div className="shrink-0">
              <RevokePasskeyButton userId={userId} username={username} passkey={{ id: p.id, name: p.name }} last={passkeys.length === 1} />
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
