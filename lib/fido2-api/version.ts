/** OpenAPI `Version` of `GET /fido2/v2/version`. */
export type TFido2Version = { hash?: string; version: string };

/**
 * The software version from the build version (lib/config/build-version.ts):
 * `<tag>.<commit>.<epoch>` → the tag and the commit; `<commit>.<epoch>` (an untagged build) → the
 * whole build version and the commit; anything else (`dev`) as it is, without a hash.
 */
export function fido2Version(buildVersion: string): TFido2Version {
  const tagged = /^(.+)\.([0-9a-f]{7,40})\.(\d+)$/.exec(buildVersion);
  if (tagged) return { hash: tagged[2]!, version: tagged[1]! };
  const untagged = /^([0-9a-f]{7,40})\.(\d+)$/.exec(buildVersion);
  if (untagged) return { hash: untagged[1]!, version: buildVersion };
  return { version: buildVersion };
}
