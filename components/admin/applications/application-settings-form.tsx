'use client';

import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import type { TAdminApplicationDto } from '@/lib/applications/admin-applications';
import { ZApplicationEdit } from '@/lib/applications/application-schemas';
import { FormError, useZodForm } from '../form';
import { tenancyApi } from '../tenancy/tenancy-api';
import { ApplicationFields } from './application-fields';

/** Edit an application's name, origins, sign-up and token lifetime. */
export function ApplicationSettingsForm({ application }: { application: TAdminApplicationDto }) {
  const router = useRouter();
  const { toast } = useToast();
  const initialValues = { name: application.name, origins: application.origins, allowSignUp: application.allowSignUp, tokenTtlSeconds: String(application.tokenTtlSeconds) };
  const form = useZodForm({
    id: 'app',
    schema: ZApplicationEdit,
    initialValues,
    onSubmit: async (values) => {
      await tenancyApi.updateApplication(application.id, values);
      toast('Application saved.');
      router.refresh();
    },
  });
  return (
    <form noValidate onSubmit={(e) => void form.handleSubmit(e)} className="max-w-2xl space-y-4">
      <FormError message={form.formError} bind={form.bindFormError} title="Couldn't save the application" />
      <ApplicationFields form={form} />
      <Button type="submit" busy={form.submitting} busyLabel="Saving…">
        Save application
      </Button>
    </form>
  );
}
