'use client';

import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import type { TCommunitySettingsDto } from '@/lib/tenancy/community-settings';
import { ZCommunityGeneralEdit } from '@/lib/tenancy/tenancy-schemas';
import { FormError, useZodForm } from '../form';
import { tenancyApi } from './tenancy-api';

/** The General section: the community's name. */
export function CommunityGeneralForm({ community }: { community: TCommunitySettingsDto }) {
  const router = useRouter();
  const { toast } = useToast();
  const form = useZodForm({
    id: 'general',
    schema: ZCommunityGeneralEdit,
    initialValues: { name: community.name },
    onSubmit: async (values) => {
      await tenancyApi.renameCommunity(community.id, values);
      toast('Name saved.');
      router.refresh();
    },
  });
  return (
    <form noValidate onSubmit={(e) => void form.handleSubmit(e)} className="space-y-4">
      <FormError message={form.formError} bind={form.bindFormError} title="Couldn't save the name" />
      <TextField {...form.field('name')} label="Name" hint="Shown to administrators; unique in the tenant." maxLength={100} autoComplete="off" className="max-w-md" />
      <dl className="grid gap-3 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-slate-500">Community ID</dt>
          <dd className="font-mono break-all text-slate-800">{community.id}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Users</dt>
          <dd className="text-slate-800">{community.userCount}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Passkeys</dt>
          <dd className="text-slate-800">{community.passkeyCount}</dd>
        </div>
      </dl>
      <Button type="submit" busy={form.submitting} busyLabel="Saving…">
        Save name
      </Button>
    </form>
  );
}
