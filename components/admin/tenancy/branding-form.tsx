'use client';

import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { ZBrandingEdit } from '@/lib/tenancy/branding-schema';
import type { TCommunitySettingsDto } from '@/lib/tenancy/community-settings';
import { FormError, useZodForm } from '../form';
import { BrandingPreview } from './branding-preview';
import { tenancyApi } from './tenancy-api';

const HEX = /^#[0-9a-fA-F]{6}$/;

/** A colour as a text field (#rrggbb, empty = default) with a native colour picker beside it. */
type TField = { id: string; name: string; value: string; error: string | undefined; onChange: (e: { target: { value: string } }) => void };

function ColorField({ field, label, hint, fallback }: { field: TField; label: string; hint: string; fallback: string }) {
  return (
    <div className="flex items-end gap-2">
      <TextField {...field} label={label} hint={hint} placeholder="Default" maxLength={7} autoComplete="off" spellCheck={false} className="min-w-0 flex-1" />
      <input
        type="color"
        aria-label={`${label}: colour picker`}
        value={HEX.test(field.value) ? field.value.toLowerCase() : fallback}
        onChange={(e) => field.onChange({ target: { value: e.target.value } })}
        className={`h-11 w-12 shrink-0 cursor-pointer rounded-lg border border-slate-300 bg-white p-1 ${field.error ? 'mb-7' : ''}`}
      />
    </div>
  );
}

function useBrandingForm(community: TCommunitySettingsDto, onSaved: () => void) {
  return useZodForm({
    id: 'branding',
    schema: ZBrandingEdit,
    initialValues: community.branding,
    onSubmit: async (values) => {
      await tenancyApi.updateBranding(community.id, values);
      onSaved();
    },
  });
}

/**
 * The Branding section: display name, logo and colours of the hosted pages, with a live preview
 * of the hosted sign-in page beside the form that follows every keystroke.
 */
export function BrandingForm({ community }: { community: TCommunitySettingsDto }) {
  const router = useRouter();
  const { toast } = useToast();
  const form = useBrandingForm(community, () => {
    toast('Branding saved: the hosted pages show it now.');
    router.refresh();
  });
  const { values } = form;
  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
      <form noValidate onSubmit={(e) => void form.handleSubmit(e)} className="space-y-4">
        <FormError message={form.formError} bind={form.bindFormError} title="Couldn't save the branding" />
        <TextField {...form.field('displayName')} label="Display name" hint={`Shown on the hosted pages. Empty: the relying party name (${community.rpName}).`} maxLength={100} autoComplete="off" />
        <TextField {...form.field('logoUrl')} label="Logo address" hint="An https:// image address or a path on this site (/…). Empty: the name's initials." autoComplete="off" spellCheck={false} />
        <div className="grid gap-4 sm:grid-cols-2">
          <ColorField field={form.field('primaryColor')} label="Primary colour" hint="Buttons and links, #rrggbb." fallback="#2563eb" />
          <ColorField field={form.field('backgroundColor')} label="Background colour" hint="Behind the card, #rrggbb." fallback="#f8fafc" />
        </div>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" busy={form.submitting} busyLabel="Saving…">
            Save branding
          </Button>
          <Button variant="secondary" onClick={() => form.reset(community.branding)} disabled={form.submitting}>
            Undo changes
          </Button>
        </div>
      </form>
      <BrandingPreview branding={values} fallbackName={community.rpName} />
    </div>
  );
}
