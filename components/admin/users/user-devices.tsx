import { EmptyState } from '@/components/ui/empty-state';
import type { TDeviceDto } from '@/lib/devices/device-dto';
import { ChipIcon } from '../icons';
import { DateTime } from './format';

function describe(d: TDeviceDto): string {
  const client = [d.clientName, d.clientVersion].filter(Boolean).join(' ');
  const os = [d.osName, d.osVersion].filter(Boolean).join(' ');
  return [client, os].filter(Boolean).join(' on ') || 'Unnamed device';
}

/** The devices the dialects' deviceInfo reported for a user. */
export function UserDevices({ devices }: { devices: TDeviceDto[] }) {
  if (devices.length === 0)
    return (
      <EmptyState icon={<ChipIcon className="h-6 w-6" />} title="No devices">
        Devices are recorded when an app reports them while the user signs in.
      </EmptyState>
    );
  return (
    <ul className="divide-y divide-slate-200" aria-label="Devices">
      {devices.map((d) => (
        <li key={d.id} className="py-3 text-sm first:pt-0 last:pb-0" data-testid="user-device">
          <p className="font-semibold break-words text-slate-900">{describe(d)}</p>
          <p className="text-slate-600">
            {d.clientType ? `${d.clientType} · ` : ''}first seen <DateTime iso={d.createdAt} />, last used <DateTime iso={d.lastUsedAt} />
          </p>
        </li>
      ))}
    </ul>
  );
}
