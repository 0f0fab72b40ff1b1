'use client';

import { ApiError, NetworkError, requestJson } from '@/components/passkey/api';
import type { TAaguidPolicyDto } from '@/lib/metadata/get-aaguid-policy';
import type { TMdsImportSummary } from '@/lib/metadata/import-mds-blob';
import type { TMetadataRecordDetailDto } from '@/lib/metadata/metadata-record';

const API = '/admin/api/metadata';

/** Uploads a file as multipart/form-data and reads the JSON answer like requestJson. */
async function upload<T>(url: string, file: File, fields: Record<string, string> = {}): Promise<T> {
  const body = new FormData();
  body.set('file', file);
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', body, credentials: 'same-origin', cache: 'no-store', headers: { accept: 'application/json' } });
  } catch (e) {
    throw new NetworkError(e);
  }
  const json = (await res.json().catch(() => undefined)) as { error?: { code?: string; message?: string; fields?: Record<string, string> } } | undefined;
  if (!res.ok) throw new ApiError(res.status, json?.error?.code ?? (res.status === 413 ? 'metadata.mds_too_large' : 'service.internal'), json?.error?.message ?? res.statusText, json?.error?.fields);
  return json as T;
}

/** The console's authenticator metadata endpoints (app/(admin)/admin/api/metadata). */
export const metadataApi = {
  record: (id: string) => requestJson<{ record: TMetadataRecordDetailDto }>(`${API}/records/${encodeURIComponent(id)}`, { method: 'GET' }),
  createRecord: (body: unknown) => requestJson<{ record: TMetadataRecordDetailDto }>(`${API}/records`, { method: 'POST', body }),
  updateRecord: (id: string, body: unknown) => requestJson<{ record: TMetadataRecordDetailDto }>(`${API}/records/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  previewMds: (file: File) => upload<TMdsImportSummary>(`${API}/mds/preview`, file),
  applyMds: (file: File, sha256: string) => upload<TMdsImportSummary>(`${API}/mds/apply`, file, { sha256 }),
  savePolicy: (communityId: string, body: unknown) => requestJson<TAaguidPolicyDto>(`${API}/policy/${encodeURIComponent(communityId)}`, { method: 'PUT', body }),
};
