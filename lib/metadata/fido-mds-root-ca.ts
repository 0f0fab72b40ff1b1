import { readFileSync } from 'node:fs';
import { getConfig } from '../config';

/**
 * The trust anchor of FIDO Metadata Service (MDS3) BLOBs: "GlobalSign Root CA - R3", the root the
 * BLOB's signing certificate chains to (FIDO Alliance, "FIDO Metadata Service" v3.0 §3.2: the
 * root certificate is published at https://secure.globalsign.com/cacert/root-r3.crt and
 * https://valid.r3.roots.globalsign.com/).
 *
 * Source: GlobalSign's root certificate repository, https://support.globalsign.com/ca-certificates/root-certificates/globalsign-root-certificates
 * Subject: OU=GlobalSign Root CA - R3, O=GlobalSign, CN=GlobalSign; valid 2009-03-18 to 2029-03-18.
 * SHA-256 fingerprint: CB:B5:22:D7:B7:F1:27:AD:6A:01:13:86:5B:DF:1C:D4:10:2E:7D:07:59:AF:63:5A:7C:F4:72:0D:C9:63:C5:3B
 * (check it with `openssl x509 -noout -fingerprint -sha256` before trusting a replacement).
 */
export const FIDO_MDS_ROOT_CA_PEM = `-----BEGIN CERTIFICATE-----
MIIDXzCCAkegAwIBAgILBAAAAAABIVhTCKIwDQYJKoZIhvcNAQELBQAwTDEgMB4G
A1UECxMXR2xvYmFsU2lnbiBSb290IENBIC0gUjMxEzARBgNVBAoTCkdsb2JhbFNp
Z24xEzARBgNVBAMTCkdsb2JhbFNpZ24wHhcNMDkwMzE4MTAwMDAwWhcNMjkwMzE4
MTAwMDAwWjBMMSAwHgYDVQQLExdHbG9iYWxTaWduIFJvb3QgQ0EgLSBSMzETMBEG
A1UEChMKR2xvYmFsU2lnbjETMBEGA1UEAxMKR2xvYmFsU2lnbjCCASIwDQYJKoZI
hvcNAQEBBQADggEPADCCAQoCggEBAMwldpB5BngiFvXAg7aEyiie/QV2EcWtiHL8
RgJDx7KKnQRfJMsuS+FggkbhUqsMgUdwbN1k0ev1LKMPgj0MK66X17YUhhB5uzsT
gHeMCOFJ0mpiLx9e+pZo34knlTifBtc+ycsmWQ1z3rDI6SYOgxXG71uL0gRgykmm
KPZpO/bLyCiR5Z2KYVc3rHQU3HTgOu5yLy6c+9C7v/U9AOEGM+iCK65TpjoWc4zd
QQ4gOsC0p6Hpsk+QLjJg6VfLuQSSaGjlOCZgdbKfd/+RFO+uIEn8rUAVSNECMWEZ
XriX7613t2Saer9fwRPvm2L7DWzgVGkWqQPabumDk3F2xmmFghcCAwEAAaNCMEAw
DgYDVR0PAQH/BAQDAgEGMA8GA1UdEwEB/wQFMAMBAf8wHQYDVR0OBBYEFI/wS3+o
LkUkrk1Q+mOai97i3Ru8MA0GCSqGSIb3DQEBCwUAA4IBAQBLQNvAUKr+yAzv95ZU
RUm7lgAJQayzE4aGKAczymvmdLm6AC2upArT9fHxD4q/c2dKg8dEe3jgr25sbwMp
jjM5RcOO5LlXbKr8EpbsU8Yt5CRsuZRj+9xTaGdWPoO4zzUhw8lo/s7awlOqzJCK
6fBdRoyV3XpYKBovHd7NADdBj+1EbddTKJd+82cEHhXXipa0095MJ6RMG3NzdvQX
mcIfeg7jLQitChws/zyrVQ4PkX4268NXSb7hLi18YIvDQVETI53O9zJrlAGomecs
Mx86OyXShkDOOyyGeMlhLxS67ttVb9+E7gUJTb0o2HLO02JQZR7rkpeDMdmztcpH
WD9f
-----END CERTIFICATE-----
`;

/**
 * The root certificate MDS BLOBs must chain to: the PEM file named by
 * `LATCHKEY_MDS_ROOT_CERT_FILE` if set (tests, a private metadata service, a renewed root), else
 * the bundled GlobalSign Root CA - R3. The file is read on every import, so a replaced file needs
 * no restart.
 * @throws Error when the file is set but can't be read (a configuration mistake, logged as a 500)
 */
export function mdsRootCertificate(config: { mdsRootCertFile?: string } = getConfig()): string {
  return config.mdsRootCertFile ? readFileSync(config.mdsRootCertFile, 'utf8') : FIDO_MDS_ROOT_CA_PEM;
}
