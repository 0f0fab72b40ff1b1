import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import type { TUserEventDto } from '@/lib/users/admin-user-dto';
import { AuditIcon } from '../icons';
import { DateTime } from './format';

/** Readable names of the events lib/passkeys, lib/users, lib/devices and lib/sessions record. */
const EVENT_LABEL: Record<string, string> = {
  'passkeys.signed_up': 'Signed up with a passkey',
  'passkeys.registered': 'Added a passkey',
  'passkeys.registration_failed': 'Passkey registration failed',
  'passkeys.authenticated': 'Signed in with a passkey',
  'passkeys.authentication_failed': 'Passkey sign-in failed',
  'passkeys.counter_regression': 'Sign-in refused: the passkey’s counter went back (a clone?)',
  'passkeys.renamed': 'Passkey renamed',
  'passkeys.deleted': 'Passkey removed',
  'passkeys.deleted_all': 'All passkeys removed',
  'devices.deleted': 'Device removed',
  'devices.deleted_all': 'All devices removed',
  'sessions.signed_out': 'Signed out',
  'profile.email_updated': 'Email changed',
  'profile.email_removed': 'Email removed',
  'profile.phone_updated': 'Phone changed',
  'profile.phone_removed': 'Phone removed',
  'users.disabled': 'Account disabled',
  'users.enabled': 'Account enabled',
};

function actorOf(actor: string, userId: string): string {
  if (actor === `user:${userId}`) return 'the user';
  if (actor.startsWith('admin:')) return 'an administrator';
  if (actor.startsWith('license:') || actor.startsWith('apikey:')) return 'an application';
  return actor;
}

/** The last events about a user, newest first. */
export function UserEvents({ userId, events }: { userId: string; events: TUserEventDto[] }) {
  if (events.length === 0)
    return (
      <EmptyState icon={<AuditIcon className="h-6 w-6" />} title="No recent events">
        Sign-ins, passkey changes and administrator actions appear here.
      </EmptyState>
    );
  return (
    <ol className="divide-y divide-slate-200" aria-label="Recent events">
      {events.map((e) => (
        <li key={e.id} className="flex flex-col gap-1 py-3 text-sm first:pt-0 last:pb-0 sm:flex-row sm:items-start sm:gap-4" data-testid="user-event">
          <span className="shrink-0 text-slate-500 sm:w-48">
            <DateTime iso={e.at} />
          </span>
          <span className="min-w-0 flex-1">
            <span className="flex flex-wrap items-center gap-2">
              <span className="font-medium text-slate-900">{EVENT_LABEL[e.type] ?? e.type}</span>
              {e.result === 'failure' ? <Badge tone="danger">Failed</Badge> : null}
            </span>
            <span className="block text-slate-600">
              by {actorOf(e.actor, userId)}
              {e.ip ? ` from ${e.ip}` : ''} · <code className="text-xs text-slate-500">{e.type}</code>
            </span>
          </span>
        </li>
      ))}
    </ol>
  );
}
