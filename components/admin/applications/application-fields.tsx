'use client';

import { TextField } from '@/components/ui/field';
import { TOKEN_TTL_MAX_SECONDS, TOKEN_TTL_MIN_SECONDS } from '@/lib/applications/application';
import type { TZodForm } from '../form';
import { CheckboxField, errorOf, LinesField } from '../tenancy/lines-field';

export type TApplicationFormValues = { name: string; origins: string[]; allowSignUp: boolean; tokenTtlSeconds: string };

/** The fields of an application (create and edit), validated by the enclosing useZodForm. */
export function ApplicationFields<V extends TApplicationFormValues>({ form }: { form: TZodForm<V> }) {
  return (
    <div className="space-y-4">
      <TextField {...form.field('name')} label="Name" maxLength={100} autoComplete="off" />
      <LinesField
        id={form.idOf('origins')}
        label="Origins"
        hint="One per line: the https:// origins the application's pages run on, within the community's rpId. May be empty for back-end-only use."
        placeholder="https://shop.example.com"
        value={form.values.origins}
        onChange={(lines) => form.setValue('origins', lines as V['origins'])}
        error={errorOf(form.errors, 'origins')}
      />
      <CheckboxField
        id={form.idOf('allowSignUp')}
        label="Allow sign-up"
        hint="New users may register a passkey without being signed in first."
        checked={form.values.allowSignUp}
        onChange={(checked) => form.setValue('allowSignUp', checked as V['allowSignUp'])}
      />
      <TextField
        {...form.field('tokenTtlSeconds')}
        label="Access token lifetime (seconds)"
        hint={`How long the jwtAccess tokens it receives stay valid: ${TOKEN_TTL_MIN_SECONDS} to ${TOKEN_TTL_MAX_SECONDS} (3600 = 1 hour).`}
        inputMode="numeric"
        autoComplete="off"
        className="max-w-xs"
      />
    </div>
  );
}
