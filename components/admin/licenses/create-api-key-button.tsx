'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorIcon, TextField } from '@/components/ui/field';
import { FormModal } from '@/components/ui/form-modal';
import { SecretPanel } from '@/components/ui/secret-panel';
import { SelectField } from '@/components/ui/select-field';
import { PlusIcon } from '@/components/passkey/icons';
import { ZAdminCreateApiKeyInput } from '@/lib/apikeys/create-api-key-as-admin';
import type { TScopeOptions } from '@/lib/admin/list-scope-options';
import { FormError, useZodForm } from '../form';
import { licensesApi } from './licenses-api';

/** The origins typed one per line (or separated by commas/spaces). */
function originsOf(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((o) => o.trim())
    .filter(Boolean);
}

/**
 * "Create API key": community, allowed origins (one per line; each must belong to the community)
 * and a label; the server returns the key once, shown with a Copy button.
 */
export function CreateApiKeyButton({ scope }: { scope: TScopeOptions }) {
  const router = useRouter();
  const originsHintId = useId();
  const [open, setOpen] = useState(false);
  const [originsText, setOriginsText] = useState('');
  const [result, setResult] = useState<{ key: string; keyPrefix: string }>();
  const communities = scope.tenants.flatMap((t) => t.communities.map((c) => ({ value: c.id, label: scope.tenants.length > 1 ? `${t.name} / ${c.name}` : c.name })));
  const initialValues = { communityId: communities.length === 1 ? communities[0]!.value : '', allowedOrigins: [] as string[], label: '' };
  const form = useZodForm({
    id: 'apikey',
    schema: ZAdminCreateApiKeyInput,
    initialValues,
    onSubmit: async (values) => {
      const { key, apiKey } = await licensesApi.createApiKey(values);
      setResult({ key, keyPrefix: apiKey.keyPrefix });
      router.refresh();
    },
  });
  const originsError = form.errors.allowedOrigins ?? Object.entries(form.errors).find(([k]) => k.startsWith('allowedOrigins.'))?.[1];
  const originsId = form.idOf('allowedOrigins');

  const close = () => {
    setOpen(false);
    setResult(undefined);
    setOriginsText('');
    form.reset(initialValues);
  };

  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <span className="inline-flex items-center gap-1.5">
          <PlusIcon className="h-4 w-4" />
          Create API key
        </span>
      </Button>
      <FormModal
        open={open}
        size="lg"
        title={result ? 'API key created' : 'Create an API key'}
        description={result ? undefined : 'An API key lets web pages of the origins you list call the spec 001 API of one community.'}
        onClose={close}
        formId="apikey-form"
        submitLabel="Create API key"
        busyLabel="Creating…"
        submitting={form.submitting}
        done={Boolean(result)}
      >
        {result ? (
          <SecretPanel label="API key" value={result.key}>
            Store it now: it is shown only this once. Lists show it as {result.keyPrefix}….
          </SecretPanel>
        ) : (
          <form id="apikey-form" noValidate onSubmit={(e) => void form.handleSubmit(e)} className="space-y-4">
            <FormError message={form.formError} bind={form.bindFormError} title="Couldn't create the API key" />
            <SelectField {...form.field('communityId')} label="Community" placeholder="Choose a community…" options={communities} />
            <div>
              <label htmlFor={originsId} className="block text-sm font-medium text-slate-800">
                Allowed origins
              </label>
              <p id={originsHintId} className="mt-0.5 text-sm text-slate-500">
                One per line, e.g. https://shop.example.com. Each must be one of the community&apos;s origins or within its relying-party domain.
              </p>
              <textarea
                id={originsId}
                name="allowedOrigins"
                rows={3}
                value={originsText}
                onChange={(e) => {
                  setOriginsText(e.target.value);
                  form.setValue('allowedOrigins', originsOf(e.target.value));
                }}
                aria-describedby={originsError ? `${originsHintId} ${originsId}-error` : originsHintId}
                aria-invalid={originsError ? true : undefined}
                spellCheck={false}
                autoCapitalize="off"
                className={`mt-1.5 block w-full rounded-lg border bg-white px-3 py-2 font-mono text-sm text-slate-900 shadow-sm focus:border-brand-600 focus:outline-2 focus:outline-offset-0 focus:outline-brand-600 ${originsError ? 'border-red-600' : 'border-slate-300'}`}
              />
              {originsError ? (
                <p id={`${originsId}-error`} className="mt-1.5 flex items-start gap-1.5 text-sm text-red-700">
                  <ErrorIcon className="mt-0.5 h-4 w-4" />
                  <span>{originsError}</span>
                </p>
              ) : null}
            </div>
            <TextField {...form.field('label')} label="Label (optional)" hint="Where it is used, e.g. “Shop website”." maxLength={100} autoComplete="off" />
          </form>
        )}
      </FormModal>
    </>
  );
}
