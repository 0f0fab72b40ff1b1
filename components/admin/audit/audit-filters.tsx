'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { SelectField, type TSelectOption } from '@/components/ui/select-field';
import { AUDIT_FILTER_KEYS, auditFilterSearch, ZAuditFilter, type TAuditFilterInput } from '@/lib/audit/audit-filter-schema';
import { FormError, useZodForm } from '../form';

type TValues = { [K in (typeof AUDIT_FILTER_KEYS)[number]]: string };

/**
 * The audit log's filters: validated in the browser with the endpoint's own schema (ZAuditFilter),
 * applied by navigating to the page's URL (so a filtered view is linkable and Back works).
 */
export function AuditFilters({ initial, communities }: { initial: TAuditFilterInput; communities: TSelectOption[] }) {
  const router = useRouter();
  const initialValues = Object.fromEntries(AUDIT_FILTER_KEYS.map((k) => [k, initial[k] ?? ''])) as TValues;
  const form = useZodForm({
    id: 'audit-filter',
    schema: ZAuditFilter,
    initialValues,
    onSubmit: async () => {
      const qs = auditFilterSearch(form.values);
      router.push(qs ? `/admin/audit?${qs}` : '/admin/audit');
    },
  });
  return (
    <form onSubmit={form.handleSubmit} noValidate aria-labelledby="audit-filter-heading" className="mb-6 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <h2 id="audit-filter-heading" className="text-base font-semibold text-slate-900">
        Filter events
      </h2>
      <FormError message={form.formError} bind={form.bindFormError} />
      <div className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <SelectField {...form.field('communityId')} label="Community" placeholder="All communities in your scope" options={communities} />
        <TextField {...form.field('type')} label="Event type" hint="A prefix, e.g. passkeys." autoComplete="off" />
        <SelectField
          {...form.field('result')}
          label="Result"
          placeholder="Any result"
          options={[
            { value: 'success', label: 'Success' },
            { value: 'failure', label: 'Failure' },
          ]}
        />
        <TextField {...form.field('user')} label="User" hint="Username or user id" autoComplete="off" />
        <TextField {...form.field('actor')} label="Actor" hint="e.g. admin:…, license:…, cli" autoComplete="off" />
        <TextField {...form.field('from')} type="datetime-local" label="From (UTC)" />
        <TextField {...form.field('to')} type="datetime-local" label="To (UTC)" />
        <div className="flex items-end gap-2">
          <Button type="submit" busy={form.submitting}>
            Apply filters
          </Button>
          <Link href="/admin/audit" className="inline-flex min-h-11 items-center rounded-lg px-3 font-semibold text-brand-700 hover:bg-brand-50">
            Clear
          </Link>
        </div>
      </div>
    </form>
  );
}
