'use client';

import { useId, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import type { TAuditEventDto } from '@/lib/audit/audit-query';

const DATE = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });
const TIME = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });

const CELL = 'block py-0.5 align-top lg:table-cell lg:px-4 lg:py-3';

/**
 * One audit event: a row of the table and, under it when opened, a full-width row with the whole
 * record (id, subject, tenant, IP, user agent, JSON detail). The toggle is a button with
 * aria-expanded/aria-controls; the detail row spans every column, so it is readable on a desktop
 * table and on the phone's stacked cards alike.
 */
export function AuditRow({ event: e, communityName }: { event: TAuditEventDto; communityName?: string }) {
  const [open, setOpen] = useState(false);
  const detailId = useId();
  const at = new Date(e.at);
  return (
    <>
      <tr data-testid="audit-row" className="block p-4 lg:table-row lg:p-0">
        <td className={`${CELL} text-slate-600`}>
          <time dateTime={e.at} className="whitespace-nowrap">
            {DATE.format(at)}, {TIME.format(at)} UTC
          </time>
        </td>
        <th scope="row" className={`${CELL} font-normal`}>
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-mono font-semibold break-all text-slate-900">{e.type}</span>
            <Badge tone={e.result === 'success' ? 'success' : 'danger'}>{e.result === 'success' ? 'Success' : 'Failure'}</Badge>
          </span>
        </th>
        <td className={`${CELL} font-mono text-xs [overflow-wrap:anywhere] text-slate-700 lg:min-w-28 lg:max-w-56`}>
          <span className="font-sans font-medium text-slate-500 lg:hidden">Actor: </span>
          {e.actor}
        </td>
        <td className={`${CELL} [overflow-wrap:anywhere] text-slate-700`}>
          <span className="font-medium text-slate-500 lg:hidden">Community: </span>
          {e.communityId ? (communityName ?? e.communityId) : '—'}
        </td>
        <td className={`${CELL} font-mono text-xs text-slate-700`}>
          <span className="font-sans font-medium text-slate-500 lg:hidden">IP: </span>
          {e.ip ?? '—'}
        </td>
        <td className={`${CELL} lg:w-px`}>
          <button
            type="button"
            aria-expanded={open}
            aria-controls={detailId}
            onClick={() => setOpen((o) => !o)}
            className="-ml-2 inline-flex min-h-9 items-center rounded-lg px-2 font-semibold whitespace-nowrap text-brand-700 hover:bg-brand-50 lg:ml-0"
          >
            {open ? 'Hide details' : 'Details'}
            <span className="sr-only"> of {e.type}</span>
          </button>
        </td>
      </tr>
      <tr id={detailId} hidden={!open} className={open ? 'block bg-slate-50 lg:table-row' : undefined} data-testid="audit-detail">
        <td colSpan={6} className="block px-4 pb-4 lg:table-cell lg:py-3">
          <dl className="grid gap-x-4 gap-y-1 text-xs sm:grid-cols-[max-content_minmax(0,1fr)]">
            <dt className="font-medium text-slate-500">Event id</dt>
            <dd className="font-mono break-all">{e.id}</dd>
            <dt className="font-medium text-slate-500">Subject</dt>
            <dd className="font-mono break-all">{e.subject ?? '—'}</dd>
            <dt className="font-medium text-slate-500">Community</dt>
            <dd className="break-all">{communityName ? `${communityName} (${e.communityId})` : (e.communityId ?? '—')}</dd>
            <dt className="font-medium text-slate-500">Tenant</dt>
            <dd className="font-mono break-all">{e.tenantId ?? '—'}</dd>
            <dt className="font-medium text-slate-500">IP</dt>
            <dd className="font-mono break-all">{e.ip ?? '—'}</dd>
            <dt className="font-medium text-slate-500">User agent</dt>
            <dd className="break-all">{e.userAgent ?? '—'}</dd>
            <dt className="font-medium text-slate-500">Detail</dt>
            <dd>
              <pre className="max-h-64 overflow-auto rounded bg-white p-2 font-mono break-all whitespace-pre-wrap ring-1 ring-slate-200">{JSON.stringify(e.detail, null, 2)}</pre>
            </dd>
          </dl>
        </td>
      </tr>
    </>
  );
}
