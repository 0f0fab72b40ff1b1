'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { CheckboxGroupField } from '@/components/ui/checkbox-group';
import { TextField } from '@/components/ui/field';
import { FormModal } from '@/components/ui/form-modal';
import { SecretPanel } from '@/components/ui/secret-panel';
import { SelectField } from '@/components/ui/select-field';
import { PlusIcon } from '@/components/passkey/icons';
import type { TScopeOptions } from '@/lib/admin/list-scope-options';
import type { TAdminRole } from '@/lib/admin/principal';
import { ZAdminCreateLicenseInput } from '@/lib/licenses/admin-license';
import { AUTH_LEVELS, type TAuthLevel } from '@/lib/licenses/license';
import { FormError, useZodForm } from '../form';
import { licensesApi } from './licenses-api';

/**
 * "Create license": level, tenant (system admins), communities and a label; the server returns
 * the key once, shown with a Copy button. Only system admins are offered the `system` level.
 */
export function CreateLicenseButton({ scope, myRole }: { scope: TScopeOptions; myRole: TAdminRole }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<{ key: string; keyPrefix: string }>();
  const isSystem = myRole === 'system';
  const levels = AUTH_LEVELS.filter((l) => isSystem || l !== 'system');
  const single = scope.tenants.length === 1 ? scope.tenants[0]!.id : '';
  const initialValues = { authLevel: 'app' as TAuthLevel, tenantId: isSystem ? single : '', communityIds: [] as string[], label: '' };
  const form = useZodForm({
    id: 'license',
    schema: ZAdminCreateLicenseInput,
    initialValues,
    onSubmit: async (values) => {
      const { key, license } = await licensesApi.createLicense(values);
      setResult({ key, keyPrefix: license.keyPrefix });
      router.refresh();
    },
  });
  const { values } = form;
  // Tenant and community admins have one tenant; a system admin picks one (or none: service-wide).
  const tenant = scope.tenants.find((t) => t.id === (isSystem ? values.tenantId : single));

  const close = () => {
    setOpen(false);
    setResult(undefined);
    form.reset(initialValues);
  };

  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <span className="inline-flex items-center gap-1.5">
          <PlusIcon className="h-4 w-4" />
          Create license
        </span>
      </Button>
      <FormModal
        open={open}
        size="lg"
        title={result ? 'License created' : 'Create a license'}
        description={result ? undefined : 'A license lets a back end call the /webauthn and /authn APIs for the communities you choose.'}
        onClose={close}
        formId="license-form"
        submitLabel="Create license"
        busyLabel="Creating…"
        submitting={form.submitting}
        done={Boolean(result)}
      >
        {result ? (
          <SecretPanel label="License key" value={result.key}>
            Store it in the caller&apos;s secret store now: it is shown only this once. Lists show it as {result.keyPrefix}….
          </SecretPanel>
        ) : (
          <form id="license-form" noValidate onSubmit={(e) => void form.handleSubmit(e)} className="space-y-4">
            <FormError message={form.formError} bind={form.bindFormError} title="Couldn't create the license" />
            <SelectField
              {...form.field('authLevel')}
              label="Level"
              hint="Which API calls the license may make: each endpoint names the levels it accepts."
              options={levels.map((l) => ({ value: l, label: l }))}
            />
            {isSystem ? (
              <SelectField
                {...form.field('tenantId')}
                label="Tenant"
                placeholder={values.authLevel === 'system' ? 'None: service-wide' : 'Choose a tenant…'}
                options={scope.tenants.map((t) => ({ value: t.id, label: t.name }))}
                onChange={(e) => {
                  form.setValue('tenantId', e.target.value);
                  form.setValue('communityIds', []);
                }}
              />
            ) : null}
            <CheckboxGroupField
              id={form.idOf('communityIds')}
              legend="Communities"
              hint={
                tenant
                  ? values.authLevel === 'system' && isSystem
                    ? 'Leave all unticked and choose no tenant for a license valid for every community.'
                    : undefined
                  : values.authLevel === 'system'
                    ? 'No tenant: the license is valid for every community.'
                    : 'Choose the tenant first.'
              }
              options={(tenant?.communities ?? []).map((c) => ({ value: c.id, label: c.name }))}
              value={values.communityIds}
              onChange={(ids) => form.setValue('communityIds', ids)}
              error={form.errors.communityIds}
            />
            <TextField {...form.field('label')} label="Label (optional)" hint="What uses it, e.g. “Checkout back end”." maxLength={100} autoComplete="off" />
          </form>
        )}
      </FormModal>
    </>
  );
}
