'use client';

import { CheckboxGroupField } from '@/components/ui/checkbox-group';
import { SelectField } from '@/components/ui/select-field';
import type { TScopeOptions } from '@/lib/admin/list-scope-options';
import { ADMIN_ROLES, ROLE_LABEL, ROLE_RANK, type TAdminRole } from '@/lib/admin/principal';
import type { TZodForm } from '../form';

export type TGrantValues = { role: TAdminRole; tenantId: string; communityIds: string[] };

const ROLE_HINT: Record<TAdminRole, string> = {
  system: 'Everything: every tenant, community and administrator.',
  tenant: 'One tenant: all its communities and their administrators.',
  community: 'Chosen communities of one tenant, and their administrators.',
};

/**
 * Role and scope fields (invite, change role): the roles the caller may grant, then the tenant
 * (tenant admins) or the communities (community admins) the caller administers. Validated with
 * the shared grant schema by the enclosing useZodForm.
 */
export function GrantFields<V extends TGrantValues>({ form, scope, myRole }: { form: TZodForm<V>; scope: TScopeOptions; myRole: TAdminRole }) {
  const { values } = form;
  const roles = ADMIN_ROLES.filter((r) => ROLE_RANK[r] <= ROLE_RANK[myRole]);
  const tenants = values.role === 'tenant' ? scope.tenants.filter((t) => t.manageable) : scope.tenants.filter((t) => t.communities.length > 0);
  const tenant = scope.tenants.find((t) => t.id === values.tenantId);
  return (
    <div className="space-y-4">
      <SelectField
        {...form.field('role')}
        label="Role"
        hint={ROLE_HINT[values.role]}
        options={roles.map((r) => ({ value: r, label: ROLE_LABEL[r] }))}
        onChange={(e) => {
          const role = e.target.value as TAdminRole;
          form.setValue('role', role as V['role']);
          // Keep the tenant when it still fits; communities only make sense for community admins.
          const fits = role === 'system' ? false : scope.tenants.some((t) => t.id === values.tenantId && (role === 'community' || t.manageable));
          const only = role === 'tenant' ? scope.tenants.filter((t) => t.manageable) : scope.tenants.filter((t) => t.communities.length > 0);
          form.setValue('tenantId', (fits ? values.tenantId : only.length === 1 ? only[0]!.id : '') as V['tenantId']);
          if (role !== 'community') form.setValue('communityIds', [] as string[] as V['communityIds']);
        }}
      />
      {values.role !== 'system' ? (
        <SelectField
          {...form.field('tenantId')}
          label="Tenant"
          placeholder="Choose a tenant…"
          hint={values.role === 'community' ? 'The tenant whose communities this administrator manages.' : undefined}
          options={tenants.map((t) => ({ value: t.id, label: t.name }))}
          onChange={(e) => {
            form.setValue('tenantId', e.target.value as V['tenantId']);
            form.setValue('communityIds', [] as string[] as V['communityIds']);
          }}
        />
      ) : null}
      {values.role === 'community' ? (
        <CheckboxGroupField
          id={form.idOf('communityIds')}
          legend="Communities"
          hint={tenant ? undefined : 'Choose the tenant first.'}
          options={(tenant?.communities ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={values.communityIds}
          onChange={(ids) => form.setValue('communityIds', ids as V['communityIds'])}
          error={form.errors.communityIds}
        />
      ) : null}
    </div>
  );
}
