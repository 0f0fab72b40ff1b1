import { getDb } from '@/lib/db';
import { exportAuditEvents } from '@/lib/audit/export-audit-events';
import { adminRoute, searchParamsOf } from '@/lib/http/admin-route';
import { downloadResponse } from '@/lib/http/download';

// The audit events of a filter as a file: ?format=csv|json&<the list's filters>, streamed, at most 100,000 events.
export const GET = adminRoute(async ({ principal, request, meta }) => {
  const file = await exportAuditEvents({ db: getDb(), principal, query: searchParamsOf(request), meta });
  return downloadResponse({ ...file, headers: { 'x-export-limit': String(file.limit) } });
});
