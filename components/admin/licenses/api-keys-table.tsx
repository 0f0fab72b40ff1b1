import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { getDb } from '@/lib/db';
import type { TListQuery } from '@/lib/admin/list-query';
import type { TAdminPrincipal } from '@/lib/admin/principal';
import type { TAdminApiKeyDto } from '@/lib/apikeys/admin-api-key';
import { listApiKeysInScope } from '@/lib/apikeys/list-api-keys-in-scope';
import { DataTable } from '../data-table';
import { KeyIcon } from '../icons';
import { DateTime } from '../activity/date-time';
import { RevokeKeyButton } from './revoke-key-button';

/** The API keys list (server component: queried with the caller's scope). */
export async function ApiKeysTable({ principal, query }: { principal: TAdminPrincipal; query: TListQuery }) {
  const page = await listApiKeysInScope({ db: getDb(), principal, query });
  return (
    <DataTable<TAdminApiKeyDto>
      caption="API keys"
      basePath="/admin/licenses/api-keys"
      query={query}
      page={page}
      rows={page.items}
      rowKey={(k) => k.id}
      rowTestId="api-key-row"
      stackBelow="xl"
      noun={{ one: 'API key', other: 'API keys' }}
      searchLabel="Search API keys"
      searchPlaceholder="Search by label, prefix or origin"
      empty={<EmptyState icon={<KeyIcon className="h-6 w-6" />} title="No API keys yet">Create one for the web pages that call the spec 001 API.</EmptyState>}
      columns={[
        {
          key: 'key',
          header: 'API key',
          rowHeader: true,
          cell: (k) => (
            <span className="block text-left">
              <span className="block font-semibold text-slate-900">{k.label ?? <span className="font-normal text-slate-500 italic">No label</span>}</span>
              <code className="text-sm text-slate-600">{k.keyPrefix}…</code>
            </span>
          ),
        },
        { key: 'community', header: 'Community', cell: (k) => <span className="text-slate-700">{k.community.name}</span> },
        {
          key: 'origins',
          header: 'Allowed origins',
          className: 'xl:max-w-72',
          cell: (k) => (
            <ul className="text-sm break-all text-slate-700">
              {k.allowedOrigins.map((o) => (
                <li key={o}>{o}</li>
              ))}
            </ul>
          ),
        },
        { key: 'created', header: 'Created', cell: (k) => <DateTime iso={k.createdAt} /> },
        { key: 'used', header: 'Last used', cell: (k) => <DateTime iso={k.lastUsedAt} /> },
        {
          key: 'status',
          header: 'Status',
          cell: (k) =>
            k.revokedAt ? (
              <span>
                <Badge tone="danger">Revoked</Badge> <span className="block text-sm text-slate-500"><DateTime iso={k.revokedAt} /></span>
              </span>
            ) : (
              <Badge tone="success">Active</Badge>
            ),
        },
        { key: 'actions', header: 'Actions', srOnlyHeader: true, align: 'right', className: 'xl:w-px', cell: (k) => (k.revokedAt ? null : <RevokeKeyButton kind="apiKey" id={k.id} keyPrefix={k.keyPrefix} label={k.label} />) },
      ]}
    />
  );
}
