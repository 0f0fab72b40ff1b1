import type { TApiKeyDto } from '@/lib/apikeys/api-key';
import type { TAdminApplicationDto } from '@/lib/applications/admin-applications';
import type { TCommunitySettingsDto } from '@/lib/tenancy/community-settings';
import { requestJson } from '@/components/passkey/api';

/**
 * Typed calls of the Tenants & communities and Applications endpoints (`/admin/api/tenants`,
 * `communities`, `applications`), for the client components of those pages. Errors are ApiError
 * (components/admin/api.ts), so forms can put `fields` next to their fields.
 */

const API = '/admin/api';
const id = encodeURIComponent;

export const tenancyApi = {
  createTenant: (body: unknown) => requestJson<{ tenant: { id: string; name: string } }>(`${API}/tenants`, { method: 'POST', body }),
  renameTenant: (tenantId: string, body: unknown) => requestJson<{ tenant: { id: string; name: string } }>(`${API}/tenants/${id(tenantId)}`, { method: 'PATCH', body }),
  createCommunity: (body: unknown) => requestJson<{ community: TCommunitySettingsDto }>(`${API}/communities`, { method: 'POST', body }),
  renameCommunity: (communityId: string, body: unknown) => requestJson<{ community: TCommunitySettingsDto }>(`${API}/communities/${id(communityId)}`, { method: 'PATCH', body }),
  updateRelyingParty: (communityId: string, body: unknown) => requestJson<{ community: TCommunitySettingsDto }>(`${API}/communities/${id(communityId)}/relying-party`, { method: 'PUT', body }),
  updateBranding: (communityId: string, body: unknown) => requestJson<{ community: TCommunitySettingsDto }>(`${API}/communities/${id(communityId)}/branding`, { method: 'PUT', body }),
  createApplication: (body: unknown) => requestJson<{ application: TAdminApplicationDto }>(`${API}/applications`, { method: 'POST', body }),
  updateApplication: (applicationId: string, body: unknown) => requestJson<{ application: TAdminApplicationDto }>(`${API}/applications/${id(applicationId)}`, { method: 'PATCH', body }),
  setApplicationStatus: (applicationId: string, status: 'active' | 'disabled') => requestJson<{ application: TAdminApplicationDto }>(`${API}/applications/${id(applicationId)}/status`, { method: 'PUT', body: { status } }),
  createApplicationKey: (applicationId: string, body: unknown) => requestJson<{ apiKey: TApiKeyDto; key: string }>(`${API}/applications/${id(applicationId)}/keys`, { method: 'POST', body }),
  revokeApplicationKey: (applicationId: string, keyId: string) => requestJson<{ key: TApiKeyDto }>(`${API}/applications/${id(applicationId)}/keys/${id(keyId)}`, { method: 'DELETE' }),
};
