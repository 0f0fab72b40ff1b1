'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { ErrorIcon } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import type { TMdsImportSummary, TMdsModel } from '@/lib/metadata/import-mds-blob';
import { ApiError, goToSignIn } from '../api';
import { describeRequestError } from '../form';
import { metadataApi } from './metadata-api';

/** Most models listed per group (the rest are counted). */
const SHOWN = 100;

function ModelList({ title, models, testId, previous }: { title: string; models: Array<TMdsModel & { previousName?: string }>; testId: string; previous?: boolean }) {
  if (models.length === 0) return null;
  return (
    <details className="rounded-lg border border-slate-200 bg-white" data-testid={testId}>
      <summary className="cursor-pointer px-4 py-3 font-medium text-slate-800">
        {title} ({models.length})
      </summary>
      <ul className="divide-y divide-slate-100 border-t border-slate-200 text-sm">
        {models.slice(0, SHOWN).map((m) => (
          <li key={m.aaguid} className="flex flex-col gap-0.5 px-4 py-2 sm:flex-row sm:items-baseline sm:justify-between sm:gap-4">
            <span className="text-slate-900">
              {m.name}
              {previous && m.previousName && m.previousName !== m.name ? <span className="text-slate-500"> (was {m.previousName})</span> : null}
            </span>
            <span className="font-mono text-xs break-all text-slate-500">{m.aaguid}</span>
          </li>
        ))}
        {models.length > SHOWN ? <li className="px-4 py-2 text-slate-500">and {models.length - SHOWN} more</li> : null}
      </ul>
    </details>
  );
}

function Summary({ s, applied }: { s: TMdsImportSummary; applied: boolean }) {
  const stats = [
    { label: applied ? 'Added' : 'New', value: s.counts.added },
    { label: applied ? 'Updated' : 'Changed', value: s.counts.changed },
    { label: 'Unchanged', value: s.counts.unchanged },
    { label: 'Skipped (no AAGUID)', value: s.counts.skipped },
  ];
  return (
    <section aria-labelledby="mds-summary-title" className="space-y-4" data-testid="mds-summary">
      <h2 id="mds-summary-title" className="text-lg font-semibold text-slate-900">
        {applied ? `BLOB #${s.no} imported` : `BLOB #${s.no}: what would change`}
      </h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {stats.map((x) => (
          <div key={x.label} className="rounded-lg border border-slate-200 bg-white px-4 py-3">
            <dt className="text-sm text-slate-600">{x.label}</dt>
            <dd className="text-2xl font-semibold text-slate-900">{x.value}</dd>
          </div>
        ))}
      </dl>
      <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="font-medium text-slate-600">Serial number (no)</dt>
        <dd className="text-slate-900">{s.no}</dd>
        <dt className="font-medium text-slate-600">Next update</dt>
        <dd className="text-slate-900">{s.nextUpdate}</dd>
        <dt className="font-medium text-slate-600">SHA-256 of the file</dt>
        <dd className="font-mono text-xs break-all text-slate-900">{s.sha256}</dd>
      </dl>
      <div className="space-y-2">
        <ModelList title={applied ? 'Added' : 'New models'} models={s.added} testId="mds-added" />
        <ModelList title={applied ? 'Updated' : 'Changed models'} models={s.changed} testId="mds-changed" previous />
        <ModelList title="Unchanged" models={s.unchanged} testId="mds-unchanged" />
      </div>
    </section>
  );
}

/**
 * MDS3 import in two steps: choose the BLOB file and preview (the server verifies its signature
 * chain and compares it with the service-wide records), then apply the same file.
 */
export function MdsImport() {
  const router = useRouter();
  const { toast } = useToast();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File>();
  const [preview, setPreview] = useState<TMdsImportSummary>();
  const [applied, setApplied] = useState<TMdsImportSummary>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<'preview' | 'apply'>();
  const [confirming, setConfirming] = useState(false);

  function fail(e: unknown) {
    if (e instanceof ApiError && e.code === 'auth.unauthenticated') return goToSignIn();
    setError(e instanceof ApiError && e.code.startsWith('metadata.') ? e.message : describeRequestError(e));
  }

  async function runPreview(e: React.FormEvent) {
    e.preventDefault();
    setError(undefined);
    setApplied(undefined);
    setPreview(undefined);
    if (!file) {
      setError('Choose the MDS3 BLOB file first.');
      input.current?.focus();
      return;
    }
    setBusy('preview');
    try {
      setPreview(await metadataApi.previewMds(file));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(undefined);
    }
  }

  async function apply() {
    if (!file || !preview) return;
    setBusy('apply');
    try {
      const result = await metadataApi.applyMds(file, preview.sha256);
      setConfirming(false);
      setPreview(undefined);
      setApplied(result);
      toast(`BLOB #${result.no} imported: ${result.counts.added} added, ${result.counts.changed} updated.`);
      router.refresh();
    } catch (err) {
      setConfirming(false);
      fail(err);
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <div className="space-y-6">
      <form onSubmit={(e) => void runPreview(e)} noValidate className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <div>
          <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
            MDS3 BLOB file
          </label>
          <p id={`${inputId}-hint`} className="mt-0.5 text-sm text-slate-500">
            The JWT downloaded from the FIDO Metadata Service (blob.jwt), up to 10 MB. Its signature must chain to the FIDO root certificate.
          </p>
          <input
            ref={input}
            id={inputId}
            type="file"
            accept=".jwt,application/jwt,text/plain,application/octet-stream"
            aria-describedby={`${inputId}-hint`}
            onChange={(e) => {
              setFile(e.target.files?.[0]);
              setPreview(undefined);
              setApplied(undefined);
              setError(undefined);
            }}
            className="mt-2 block w-full text-sm text-slate-700 file:mr-3 file:min-h-10 file:cursor-pointer file:rounded-lg file:border file:border-slate-300 file:bg-white file:px-3 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-50"
          />
        </div>
        {error ? (
          <Alert tone="error" title="The BLOB was not imported">
            <span className="flex items-start gap-1.5">
              <ErrorIcon className="mt-0.5 h-4 w-4" />
              {error}
            </span>
          </Alert>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" variant={preview ? 'secondary' : 'primary'} busy={busy === 'preview'} busyLabel="Verifying…">
            Verify and preview
          </Button>
          {preview ? (
            <Button onClick={() => setConfirming(true)} disabled={preview.counts.added + preview.counts.changed === 0}>
              Apply import
            </Button>
          ) : null}
        </div>
        {preview && preview.counts.added + preview.counts.changed === 0 ? (
          <p role="status" className="text-sm text-slate-600">
            The service-wide records already match this BLOB: nothing to apply.
          </p>
        ) : null}
      </form>

      {preview && preview.lastImportedNo !== null && preview.no <= preview.lastImportedNo ? (
        <Alert tone="warning" title={preview.no === preview.lastImportedNo ? `BLOB #${preview.no} was already imported` : `BLOB #${preview.no} is older than the last import (#${preview.lastImportedNo})`}>
          The FIDO Metadata Service numbers its BLOBs in order. Check that this is the file you meant to import.
        </Alert>
      ) : null}
      {preview ? <Summary s={preview} applied={false} /> : null}
      {applied ? <Summary s={applied} applied /> : null}

      <ConfirmDialog
        open={confirming}
        title={`Apply BLOB #${preview?.no ?? ''}?`}
        confirmLabel="Apply import"
        busy={busy === 'apply'}
        busyLabel="Applying…"
        onCancel={() => setConfirming(false)}
        onConfirm={() => void apply()}
      >
        <p>
          {preview?.counts.added ?? 0} service-wide records will be added and {preview?.counts.changed ?? 0} updated with the statements of this BLOB. Community records and records the BLOB does not name stay as they are; disabled records stay
          disabled.
        </p>
      </ConfirmDialog>
    </div>
  );
}
