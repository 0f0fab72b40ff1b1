import { fido2ManagementRoute } from '@/lib/http/fido2-route';
import { getAaguidMetadata } from '@/lib/metadata/aaguid-metadata';

// 002 `GET mgmt/aaguid/{aaguid}`: `{id, name, iconLight, iconDark}`.
export const GET = fido2ManagementRoute<{ aaguid: string }>(async ({ db, caller, params }) =>
  getAaguidMetadata({ db, communityId: caller.application.communityId, aaguid: params.aaguid }),
);
