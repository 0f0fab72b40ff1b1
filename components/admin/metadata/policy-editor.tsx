'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ErrorIcon } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { ruleRefuses, ZAaguidPolicyInput, type TAaguidPolicyMode } from '@/lib/metadata/aaguid-policy';
import type { TAaguidPolicyDto, TAaguidRuleDto } from '@/lib/metadata/get-aaguid-policy';
import { ZAaguid } from '@/lib/metadata/vendor-metadata';
import { ApiError } from '../api';
import { FormError, useZodForm } from '../form';
import { metadataApi } from './metadata-api';

type TKind = 'registration' | 'authentication';

const MODES: Array<{ value: TAaguidPolicyMode; label: string; hint: string }> = [
  { value: 'any', label: 'Any authenticator', hint: 'No restriction.' },
  { value: 'allow', label: 'Only the listed authenticators', hint: 'An allow list: every other model is refused.' },
  { value: 'deny', label: 'All except the listed authenticators', hint: 'A deny list: the listed models are refused.' },
];

const KIND: Record<TKind, { title: string; description: string }> = {
  registration: { title: 'Registration', description: 'Which authenticator models may create new passkeys.' },
  authentication: { title: 'Sign-in', description: 'Which authenticator models may sign in with an existing passkey.' },
};

function RuleEditor({
  kind,
  rule,
  error,
  policy,
  onChange,
}: {
  kind: TKind;
  rule: TAaguidRuleDto;
  error: string | undefined;
  policy: TAaguidPolicyDto;
  onChange: (rule: TAaguidRuleDto) => void;
}) {
  const [draft, setDraft] = useState('');
  const [draftError, setDraftError] = useState<string>();
  const nameOf = (aaguid: string) => policy.known.find((k) => k.aaguid === aaguid)?.name ?? policy.passkeys.find((p) => p.aaguid === aaguid)?.name ?? null;
  const countOf = (aaguid: string) => policy.passkeys.find((p) => p.aaguid === aaguid)?.count ?? 0;
  const inputId = `policy-${kind}-add`;
  const listId = `policy-${kind}-known`;
  const refused = policy.passkeys.filter((p) => ruleRefuses(rule, p.aaguid));
  const refusedCount = refused.reduce((n, p) => n + p.count, 0);

  function add() {
    // A picked suggestion reads "Name — aaguid"; a pasted AAGUID is taken as it is.
    const text = draft.includes('—') ? draft.split('—').pop()!.trim() : draft.trim();
    const parsed = ZAaguid.safeParse(text);
    if (!parsed.success) {
      setDraftError('Enter an AAGUID (8-4-4-4-12 hex digits) or pick a known authenticator.');
      return;
    }
    setDraftError(undefined);
    setDraft('');
    if (!rule.aaguids.includes(parsed.data)) onChange({ ...rule, aaguids: [...rule.aaguids, parsed.data] });
  }

  return (
    <fieldset className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6" data-testid={`policy-${kind}`}>
      <legend className="px-1 text-lg font-semibold text-slate-900">{KIND[kind].title}</legend>
      <p className="mb-4 text-sm text-slate-600">{KIND[kind].description}</p>
      <div role="radiogroup" aria-label={`${KIND[kind].title} rule`} className="grid gap-2 sm:grid-cols-3">
        {MODES.map((m) => (
          <label key={m.value} className={`flex cursor-pointer gap-3 rounded-lg border p-3 ${rule.mode === m.value ? 'border-brand-600 bg-brand-50/60' : 'border-slate-200 hover:bg-slate-50'}`}>
            <input type="radio" name={`policy-${kind}-mode`} value={m.value} checked={rule.mode === m.value} onChange={() => onChange({ ...rule, mode: m.value })} className="mt-1 h-4 w-4 accent-brand-600" />
            <span>
              <span className="block text-sm font-medium text-slate-900">{m.label}</span>
              <span className="block text-sm text-slate-600">{m.hint}</span>
            </span>
          </label>
        ))}
      </div>

      <div className={rule.mode === 'any' ? 'mt-4 opacity-60' : 'mt-4'}>
        <h3 className="text-sm font-medium text-slate-800" id={`policy-${kind}-list`}>
          {rule.mode === 'deny' ? 'Refused authenticators' : rule.mode === 'allow' ? 'Allowed authenticators' : 'Listed authenticators (not used while any authenticator is accepted)'}
        </h3>
        {rule.aaguids.length === 0 ? (
          <p className="mt-1 text-sm text-slate-500">None listed.</p>
        ) : (
          <ul aria-labelledby={`policy-${kind}-list`} className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200">
            {rule.aaguids.map((a) => (
              <li key={a} className="flex flex-col gap-2 px-3 py-2 sm:flex-row sm:items-center sm:justify-between">
                <span className="min-w-0">
                  <span className="block text-sm text-slate-900">{nameOf(a) ?? 'Unknown model'}</span>
                  <span className="block font-mono text-xs break-all text-slate-500">{a}</span>
                </span>
                <span className="flex shrink-0 items-center gap-2">
                  <Badge>{countOf(a) === 1 ? '1 passkey' : `${countOf(a)} passkeys`}</Badge>
                  <Button size="sm" variant="ghost" onClick={() => onChange({ ...rule, aaguids: rule.aaguids.filter((x) => x !== a) })}>
                    Remove<span className="sr-only"> {nameOf(a) ?? a}</span>
                  </Button>
                </span>
              </li>
            ))}
          </ul>
        )}
        {error ? (
          <p id={`policy-${kind}-error`} className="mt-1.5 flex items-start gap-1.5 text-sm text-red-700">
            <ErrorIcon className="mt-0.5 h-4 w-4" />
            <span>{error}</span>
          </p>
        ) : null}
        <div className="mt-3">
          <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
            Add an authenticator
          </label>
          <p id={`${inputId}-hint`} className="mt-0.5 text-sm text-slate-500">
            Type a name to pick a known model, or paste an AAGUID.
          </p>
          <div className="mt-1.5 flex flex-col gap-2 sm:flex-row">
            <input
              id={inputId}
              list={listId}
              value={draft}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={draftError ? true : undefined}
              aria-describedby={[`${inputId}-hint`, draftError ? `${inputId}-error` : ''].filter(Boolean).join(' ')}
              onChange={(e) => {
                setDraft(e.target.value);
                setDraftError(undefined);
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  add();
                }
              }}
              className={`block min-h-11 w-full rounded-lg border bg-white px-3 py-2 text-base text-slate-900 shadow-sm focus:border-brand-600 focus:outline-2 focus:outline-offset-0 focus:outline-brand-600 ${draftError ? 'border-red-600' : 'border-slate-300'}`}
            />
            <datalist id={listId}>
              {policy.known.map((k) => (
                <option key={k.aaguid} value={`${k.name} — ${k.aaguid}`} />
              ))}
            </datalist>
            <Button variant="secondary" onClick={add}>
              Add<span className="sr-only"> to the {KIND[kind].title.toLowerCase()} list</span>
            </Button>
          </div>
          {draftError ? (
            <p id={`${inputId}-error`} className="mt-1.5 flex items-start gap-1.5 text-sm text-red-700">
              <ErrorIcon className="mt-0.5 h-4 w-4" />
              <span>{draftError}</span>
            </p>
          ) : null}
        </div>
      </div>

      {refusedCount > 0 ? (
        <Alert tone="warning" title={kind === 'authentication' ? `${refusedCount} existing ${refusedCount === 1 ? 'passkey' : 'passkeys'} could no longer sign in` : `${refusedCount} existing ${refusedCount === 1 ? 'passkey is' : 'passkeys are'} of models this rule refuses`} className="mt-4">
          <span data-testid={`policy-${kind}-hint`}>
            {kind === 'authentication' ? 'Their users would need another passkey: ' : 'They keep working, but no new ones of these models could be registered: '}
            {refused.map((p) => `${p.name ?? p.aaguid} (${p.count})`).join(', ')}.
          </span>
        </Alert>
      ) : null}
    </fieldset>
  );
}

/** A community's AAGUID policy: a rule for registration and one for sign-in, saved together. */
export function PolicyEditor({ policy }: { policy: TAaguidPolicyDto }) {
  const router = useRouter();
  const { toast } = useToast();
  const [conflict, setConflict] = useState(false);
  const valuesOf = (p: TAaguidPolicyDto) => ({ version: p.version, registration: { ...p.registration }, authentication: { ...p.authentication } });
  const form = useZodForm({
    id: 'policy',
    schema: ZAaguidPolicyInput,
    initialValues: valuesOf(policy),
    onSubmit: async (values) => {
      try {
        const saved = await metadataApi.savePolicy(policy.community.id, values);
        form.reset(valuesOf(saved));
        toast(`The AAGUID policy of ${saved.community.name} was saved.`);
        router.refresh();
      } catch (e) {
        if (e instanceof ApiError && e.code === 'metadata.policy_conflict') setConflict(true);
        throw e;
      }
    },
  });
  const errorOf = (kind: TKind) => form.errors[`${kind}.aaguids`] ?? Object.entries(form.errors).find(([k]) => k.startsWith(`${kind}.`))?.[1];

  return (
    <form id="policy-form" noValidate onSubmit={(e) => void form.handleSubmit(e)} className="space-y-6">
      <FormError message={form.formError} bind={form.bindFormError} title="Couldn't save the policy" />
      {conflict ? (
        <div>
          <Button
            variant="secondary"
            onClick={() => {
              // Start again from the policy as saved now.
              window.location.reload();
            }}
          >
            Reload the saved policy
          </Button>
        </div>
      ) : null}
      {(['registration', 'authentication'] as const).map((kind) => (
        <RuleEditor key={kind} kind={kind} rule={form.values[kind]} error={errorOf(kind)} policy={policy} onChange={(rule) => form.setValue(kind, rule)} />
      ))}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" busy={form.submitting} busyLabel="Saving…">
          Save policy
        </Button>
        <p className="text-sm text-slate-600">Applies to the next registration or sign-in in {policy.community.name}.</p>
      </div>
    </form>
  );
}
