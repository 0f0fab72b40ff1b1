'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CheckboxGroupField } from '@/components/ui/checkbox-group';
import { ConfirmDialog } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/field';
import { SelectField } from '@/components/ui/select-field';
import { useToast } from '@/components/ui/toast';
import type { TCommunitySettingsDto } from '@/lib/tenancy/community-settings';
import { ATTESTATION_CONVEYANCE, COSE_ALGORITHMS, USER_VERIFICATION, ZRelyingPartyEdit, type TRelyingPartyEdit } from '@/lib/tenancy/rp-settings';
import { ApiError } from '../api';
import { describeRequestError, FormError, useZodForm } from '../form';
import { CheckboxField, errorOf, LinesField } from './lines-field';
import { tenancyApi } from './tenancy-api';

const UV_LABEL: Record<(typeof USER_VERIFICATION)[number], string> = { required: 'Required', preferred: 'Preferred', discouraged: 'Discouraged' };
const ATTESTATION_LABEL: Record<(typeof ATTESTATION_CONVEYANCE)[number], string> = { none: 'None', direct: 'Direct', enterprise: 'Enterprise' };

function valuesOf(c: TCommunitySettingsDto) {
  return {
    rpId: c.rpId,
    rpName: c.rpName,
    origins: c.origins,
    relatedOrigins: c.relatedOrigins,
    userVerification: c.userVerification,
    attestation: c.attestation,
    algorithms: c.algorithms,
    timeoutMs: String(c.timeoutMs),
    allowCrossOrigin: c.allowCrossOrigin,
    allowedTopOrigins: c.allowedTopOrigins,
  };
}

/**
 * The Relying party section: rpId, name, origins, user verification, attestation, algorithms,
 * related origins, cross-origin use and timeout. A new rpId for a community with passkeys is
 * confirmed in a dialog first (those passkeys stop working) and sent with `confirmRpIdChange`.
 */
export function RelyingPartyForm({ community }: { community: TCommunitySettingsDto }) {
  const router = useRouter();
  const { toast } = useToast();
  const [pending, setPending] = useState<TRelyingPartyEdit>();
  const [confirmBusy, setConfirmBusy] = useState(false);
  const [confirmError, setConfirmError] = useState<string>();

  async function save(values: TRelyingPartyEdit) {
    await tenancyApi.updateRelyingParty(community.id, values);
    toast('Relying-party settings saved.');
    router.refresh();
  }

  const form = useZodForm({
    id: 'rp',
    schema: ZRelyingPartyEdit,
    initialValues: valuesOf(community),
    onSubmit: async (values) => {
      if (values.rpId !== community.rpId && community.passkeyCount > 0) {
        setConfirmError(undefined);
        setPending(values);
        return;
      }
      try {
        await save(values);
      } catch (e) {
        // Passkeys were registered since this page was loaded: ask now.
        if (e instanceof ApiError && e.code === 'tenancy.rp_id_change_unconfirmed') {
          setConfirmError(undefined);
          setPending(values);
          return;
        }
        throw e;
      }
    },
  });
  const { values } = form;
  const rpIdChanged = values.rpId.trim().toLowerCase() !== community.rpId;

  async function confirm() {
    if (!pending) return;
    setConfirmBusy(true);
    setConfirmError(undefined);
    try {
      await save({ ...pending, confirmRpIdChange: true });
      setPending(undefined);
    } catch (e) {
      setConfirmError([describeRequestError(e), ...Object.values(e instanceof ApiError ? (e.fields ?? {}) : {})].join(' '));
    } finally {
      setConfirmBusy(false);
    }
  }

  return (
    <>
      <form noValidate onSubmit={(e) => void form.handleSubmit(e)} className="space-y-5">
        <FormError message={form.formError} bind={form.bindFormError} title="Couldn't save the relying-party settings" />
        <div className="grid gap-4 md:grid-cols-2">
          <TextField
            {...form.field('rpId')}
            label="Relying party ID (rpId)"
            hint="The domain passkeys are bound to. Every web origin must be this domain or a subdomain of it."
            autoCapitalize="none"
            spellCheck={false}
            autoComplete="off"
          />
          <TextField {...form.field('rpName')} label="Relying party name" hint="Shown by some authenticators when a passkey is created." maxLength={100} autoComplete="off" />
        </div>
        {rpIdChanged && community.passkeyCount > 0 ? (
          <Alert tone="warning" title="Changing the rpId breaks existing passkeys">
            The {community.passkeyCount} passkey{community.passkeyCount === 1 ? '' : 's'} registered for {community.rpId} will stop working: their users will have to register new ones. You will be asked to confirm.
          </Alert>
        ) : null}
        <LinesField
          id={form.idOf('origins')}
          label="Origins"
          hint="One per line: https:// origins (http:// only for localhost) and android:apk-key-hash: origins of your apps."
          value={values.origins}
          onChange={(lines) => form.setValue('origins', lines)}
          error={errorOf(form.errors, 'origins')}
        />
        <div className="grid gap-4 md:grid-cols-2">
          <SelectField {...form.field('userVerification')} label="User verification" hint="Whether a PIN or biometrics must confirm each sign-in and registration." options={USER_VERIFICATION.map((v) => ({ value: v, label: UV_LABEL[v] }))} />
          <SelectField {...form.field('attestation')} label="Attestation conveyance" hint="Whether new passkeys must prove their authenticator's make and model." options={ATTESTATION_CONVEYANCE.map((v) => ({ value: v, label: ATTESTATION_LABEL[v] }))} />
        </div>
        <div className="grid gap-4 md:grid-cols-2">
          <CheckboxGroupField
            id={form.idOf('algorithms')}
            legend="Algorithms for new passkeys"
            hint="COSE algorithms offered when a passkey is created, most preferred first."
            options={COSE_ALGORITHMS.map((a) => ({ value: String(a.id), label: a.label }))}
            value={(values.algorithms ?? []).map(String)}
            onChange={(ids) => form.setValue('algorithms', COSE_ALGORITHMS.map((a) => a.id).filter((id) => ids.includes(String(id))))}
            error={errorOf(form.errors, 'algorithms')}
          />
          <TextField {...form.field('timeoutMs')} label="Timeout (milliseconds)" hint="How long a sign-in or registration may take: 30000 to 600000 (300000 = 5 minutes)." inputMode="numeric" autoComplete="off" />
        </div>
        <LinesField
          id={form.idOf('relatedOrigins')}
          label="Related origins"
          hint="One per line: other sites that may use these passkeys (published at /.well-known/webauthn)."
          value={values.relatedOrigins ?? []}
          onChange={(lines) => form.setValue('relatedOrigins', lines)}
          error={errorOf(form.errors, 'relatedOrigins')}
          rows={2}
        />
        <fieldset className="space-y-3 rounded-lg border border-slate-200 p-4">
          <legend className="px-1 text-sm font-medium text-slate-800">Cross-origin use</legend>
          <CheckboxField
            id={form.idOf('allowCrossOrigin')}
            label="Allow ceremonies in cross-origin iframes"
            hint="Only for pages embedded by the top-level sites listed below."
            checked={values.allowCrossOrigin}
            onChange={(checked) => form.setValue('allowCrossOrigin', checked)}
          />
          {values.allowCrossOrigin ? (
            <LinesField
              id={form.idOf('allowedTopOrigins')}
              label="Allowed top origins"
              hint="One per line: the https:// sites allowed to embed the ceremonies."
              value={values.allowedTopOrigins ?? []}
              onChange={(lines) => form.setValue('allowedTopOrigins', lines)}
              error={errorOf(form.errors, 'allowedTopOrigins')}
              rows={2}
            />
          ) : null}
        </fieldset>
        <Button type="submit" busy={form.submitting} busyLabel="Saving…">
          Save relying party
        </Button>
      </form>

      <ConfirmDialog
        open={pending !== undefined}
        title="Change the rpId?"
        confirmLabel="Change rpId"
        tone="danger"
        busy={confirmBusy}
        busyLabel="Saving…"
        error={confirmError}
        confirmText={pending?.rpId}
        onCancel={() => setPending(undefined)}
        onConfirm={() => void confirm()}
      >
        <p>
          Passkeys are bound to their rpId. The {community.passkeyCount} passkey{community.passkeyCount === 1 ? '' : 's'} registered for <strong>{community.rpId}</strong> will stop working for <strong>{pending?.rpId}</strong>, and their users will have to
          register new ones. Type the new rpId to confirm.
        </p>
      </ConfirmDialog>
    </>
  );
}
