'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormModal } from '@/components/ui/form-modal';
import { SelectField } from '@/components/ui/select-field';
import { useToast } from '@/components/ui/toast';
import { PlusIcon } from '@/components/passkey/icons';
import { ZCommunityCreateInput, ZTenantNameInput } from '@/lib/tenancy/tenancy-schemas';
import { USER_VERIFICATION } from '@/lib/tenancy/rp-settings';
import { FormError, useZodForm } from '../form';
import { errorOf, LinesField } from './lines-field';
import { tenancyApi } from './tenancy-api';

/** "New tenant" (system admins): a name; the tenant's communities are added next. */
export function NewTenantButton() {
  const router = useRouter();
  const { toast } = useToast();
  const [open, setOpen] = useState(false);
  const form = useZodForm({
    id: 'new-tenant',
    schema: ZTenantNameInput,
    initialValues: { name: '' },
    onSubmit: async (values) => {
      const { tenant } = await tenancyApi.createTenant(values);
      setOpen(false);
      form.reset();
      toast(`Tenant ${tenant.name} created. Add its first community next.`);
      router.refresh();
    },
  });
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <span className="inline-flex items-center gap-1.5">
          <PlusIcon className="h-4 w-4" />
          New tenant
        </span>
      </Button>
      <FormModal
        open={open}
        title="New tenant"
        description="A tenant is an organisation using Latchkey. Its communities hold the users, relying-party settings and branding."
        onClose={() => setOpen(false)}
        formId="new-tenant-form"
        submitLabel="Create tenant"
        busyLabel="Creating…"
        submitting={form.submitting}
      >
        <form id="new-tenant-form" noValidate onSubmit={(e) => void form.handleSubmit(e)} className="space-y-4">
          <FormError message={form.formError} bind={form.bindFormError} title="Couldn't create the tenant" />
          <TextField {...form.field('name')} label="Name" maxLength={100} autoComplete="off" />
        </form>
      </FormModal>
    </>
  );
}

/** "Rename" of one tenant (system admins). */
export function RenameTenantButton({ tenant }: { tenant: { id: string; name: string } }) {
  const router = useRouter();
  const { toast } = useToast();
  const [open, setOpen] = useState(false);
  const form = useZodForm({
    id: `rename-tenant-${tenant.id}`,
    schema: ZTenantNameInput,
    initialValues: { name: tenant.name },
    onSubmit: async (values) => {
      const res = await tenancyApi.renameTenant(tenant.id, values);
      setOpen(false);
      toast(`Tenant renamed to ${res.tenant.name}.`);
      router.refresh();
    },
  });
  return (
    <>
      <Button
        size="sm"
        variant="secondary"
        onClick={() => {
          form.reset({ name: tenant.name });
          setOpen(true);
        }}
      >
        Rename<span className="sr-only"> tenant {tenant.name}</span>
      </Button>
      <FormModal
        open={open}
        title={`Rename ${tenant.name}`}
        onClose={() => setOpen(false)}
        formId={`rename-tenant-form-${tenant.id}`}
        submitLabel="Save name"
        submitting={form.submitting}
      >
        <form id={`rename-tenant-form-${tenant.id}`} noValidate onSubmit={(e) => void form.handleSubmit(e)} className="space-y-4">
          <FormError message={form.formError} bind={form.bindFormError} title="Couldn't rename the tenant" />
          <TextField {...form.field('name')} label="Name" maxLength={100} autoComplete="off" />
        </form>
      </FormModal>
    </>
  );
}

const UV_LABEL: Record<(typeof USER_VERIFICATION)[number], string> = { required: 'Required', preferred: 'Preferred', discouraged: 'Discouraged' };

/**
 * "Add community" to a tenant (system admins, the tenant's admins): name and the relying party's
 * essentials; everything else is on the community's page, where this opens after creating it.
 */
export function AddCommunityButton({ tenant }: { tenant: { id: string; name: string } }) {
  const router = useRouter();
  const { toast } = useToast();
  const [open, setOpen] = useState(false);
  const initialValues = { tenantId: tenant.id, name: '', rpId: '', origins: [] as string[], userVerification: 'preferred' as const };
  const form = useZodForm({
    id: `add-community-${tenant.id}`,
    schema: ZCommunityCreateInput,
    initialValues,
    onSubmit: async (values) => {
      const { community } = await tenancyApi.createCommunity(values);
      setOpen(false);
      toast(`Community ${community.name} created.`);
      router.push(`/admin/communities/${community.id}`);
    },
  });
  const formId = `add-community-form-${tenant.id}`;
  return (
    <>
      <Button
        size="sm"
        variant="secondary"
        onClick={() => {
          form.reset(initialValues);
          setOpen(true);
        }}
      >
        Add community<span className="sr-only"> to {tenant.name}</span>
      </Button>
      <FormModal
        open={open}
        size="lg"
        title={`New community in ${tenant.name}`}
        description="A community is a realm: its own users and passkeys, relying party and branding."
        onClose={() => setOpen(false)}
        formId={formId}
        submitLabel="Create community"
        busyLabel="Creating…"
        submitting={form.submitting}
      >
        <form id={formId} noValidate onSubmit={(e) => void form.handleSubmit(e)} className="space-y-4">
          <FormError message={form.formError} bind={form.bindFormError} title="Couldn't create the community" />
          <TextField {...form.field('name')} label="Name" maxLength={100} autoComplete="off" />
          <TextField {...form.field('rpId')} label="Relying party ID (rpId)" hint="The domain passkeys are bound to, e.g. example.com. It can't be changed later without breaking its passkeys." autoCapitalize="none" spellCheck={false} autoComplete="off" />
          <LinesField
            id={form.idOf('origins')}
            label="Origins"
            hint="One per line: the https:// origins of the sign-in pages, within the rpId."
            placeholder="https://login.example.com"
            value={form.values.origins}
            onChange={(lines) => form.setValue('origins', lines)}
            error={errorOf(form.errors, 'origins')}
          />
          <SelectField {...form.field('userVerification')} label="User verification" hint="Whether a PIN or biometrics must confirm each sign-in and registration." options={USER_VERIFICATION.map((v) => ({ value: v, label: UV_LABEL[v] }))} />
        </form>
      </FormModal>
    </>
  );
}
