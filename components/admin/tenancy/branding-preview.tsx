'use client';

import { HostedShell } from '@/components/hosted/hosted-shell';
import { KeyIcon } from '@/components/passkey/icons';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import type { TBrandingEdit } from '@/lib/tenancy/branding-schema';

const HEX = /^#[0-9a-fA-F]{6}$/;

/**
 * A live preview of the community's hosted sign-in page: the hosted pages' own frame
 * (HostedShell, which applies the branding as the real page does) around the sign-in form's
 * fields, inert. Values the hosted page would ignore (an invalid colour or logo address) are
 * ignored here too.
 */
export function BrandingPreview({ branding, fallbackName }: { branding: TBrandingEdit; fallbackName: string }) {
  const displayName = branding.displayName.trim() || fallbackName;
  const color = (v: string) => (HEX.test(v.trim()) ? v.trim() : null);
  const logo = branding.logoUrl.trim();
  const shown = {
    displayName,
    logoUrl: /^(https:\/\/|\/(?!\/))/.test(logo) ? logo : null,
    primaryColor: color(branding.primaryColor),
    backgroundColor: color(branding.backgroundColor),
  };
  return (
    <figure className="min-w-0" data-testid="branding-preview">
      <figcaption className="mb-2 text-sm font-medium text-slate-700">Preview of the sign-in page</figcaption>
      <div className="h-[36rem] overflow-hidden rounded-xl border border-slate-300 shadow-inner" aria-hidden="true" inert>
        <HostedShell branding={shown} title="Sign in" subtitle={<>to continue to {displayName}</>} preview>
          <div className="space-y-5">
            <div className="space-y-4">
              <TextField id="preview-username" label="Username" hint="Your saved passkeys appear as suggestions when you select this field." readOnly tabIndex={-1} value="" />
              <Button fullWidth tabIndex={-1}>
                Continue
              </Button>
            </div>
            <div className="flex items-center gap-3 text-sm text-slate-500">
              <span className="h-px flex-1 bg-slate-200" />
              or
              <span className="h-px flex-1 bg-slate-200" />
            </div>
            <Button variant="secondary" fullWidth tabIndex={-1}>
              <span className="inline-flex items-center gap-2">
                <KeyIcon />
                Sign in with a passkey
              </span>
            </Button>
            <p className="text-center text-sm text-slate-600">
              New here? <span className="font-semibold text-brand-700">Create an account</span>
            </p>
          </div>
        </HostedShell>
      </div>
    </figure>
  );
}
