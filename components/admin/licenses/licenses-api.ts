import type { TAdminApiKeyDto } from '@/lib/apikeys/admin-api-key';
import type { TAdminLicenseDto } from '@/lib/licenses/admin-license';
import { requestJson } from '@/components/passkey/api';

const API = '/admin/api';

/** Typed calls of the Licenses & API keys endpoints for client components (errors are ApiError). */
export const licensesApi = {
  createLicense: (body: unknown) => requestJson<{ license: TAdminLicenseDto; key: string }>(`${API}/licenses`, { method: 'POST', body }),
  revokeLicense: (id: string) => requestJson<{ license: TAdminLicenseDto }>(`${API}/licenses/${encodeURIComponent(id)}/revoke`, { method: 'POST', body: {} }),
  createApiKey: (body: unknown) => requestJson<{ apiKey: TAdminApiKeyDto; key: string }>(`${API}/api-keys`, { method: 'POST', body }),
  revokeApiKey: (id: string) => requestJson<{ apiKey: TAdminApiKeyDto }>(`${API}/api-keys/${encodeURIComponent(id)}/revoke`, { method: 'POST', body: {} }),
};
