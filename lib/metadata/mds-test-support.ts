import 'reflect-metadata';
import crypto from 'node:crypto';
import * as x509 from '@peculiar/x509';

/**
 * Test helper (not a test): a throw-away certificate authority that signs MDS3 BLOBs the way the
 * FIDO Metadata Service does (RS256 JWT, `x5c` = [signing certificate], chained to a root), so
 * unit, API and browser tests can import BLOBs trusted through `LATCHKEY_MDS_ROOT_CERT_FILE`.
 */

x509.cryptoProvider.set(crypto.webcrypto as unknown as Crypto);

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 } as const;
const DAY = 86_400_000;

export type TMdsTestCa = {
  /** The root certificate (PEM) to trust. */
  rootPem: string;
  /** A signed BLOB of this payload (a JWT string). */
  sign(payload: object): Promise<string>;
};

async function keys(): Promise<CryptoKeyPair> {
  return (await crypto.webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify'])) as CryptoKeyPair;
}

/** A new root and signing certificate, valid from yesterday for a year. */
export async function createMdsTestCa(name = 'Latchkey Test MDS'): Promise<TMdsTestCa> {
  const notBefore = new Date(Date.now() - DAY);
  const notAfter = new Date(Date.now() + 365 * DAY);
  const rootKeys = await keys();
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: crypto.randomBytes(8).toString('hex'),
    name: `CN=${name} Root`,
    notBefore,
    notAfter,
    keys: rootKeys,
    signingAlgorithm: RSA,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)],
  });
  const signerKeys = await keys();
  const signer = await x509.X509CertificateGenerator.create({
    serialNumber: crypto.randomBytes(8).toString('hex'),
    subject: `CN=${name} Signer`,
    issuer: root.subject,
    notBefore,
    notAfter,
    signingKey: rootKeys.privateKey,
    publicKey: signerKeys.publicKey,
    signingAlgorithm: RSA,
    extensions: [new x509.BasicConstraintsExtension(false), new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
  });
  const signingKey = crypto.KeyObject.from(signerKeys.privateKey);
  const x5c = [Buffer.from(signer.rawData).toString('base64')];
  return {
    rootPem: root.toString('pem'),
    async sign(payload) {
      const head = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', x5c })).toString('base64url');
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
      const signature = crypto.sign('sha256', Buffer.from(`${head}.${body}`), signingKey).toString('base64url');
      return `${head}.${body}.${signature}`;
    },
  };
}

/** An MDS3 payload with FIDO2 entries of these models (and one U2F entry without an AAGUID). */
export function mdsPayload(no: number, models: Array<{ aaguid: string; description: string; icon?: string }>): object {
  return {
    legalHeader: 'Test BLOB, not for production.',
    no,
    nextUpdate: '2027-01-01',
    entries: [
      ...models.map((m) => ({
        aaguid: m.aaguid,
        metadataStatement: { aaguid: m.aaguid, description: m.description, schema: 3, protocolFamily: 'fido2', ...(m.icon ? { icon: m.icon } : {}) },
        statusReports: [{ status: 'FIDO_CERTIFIED', effectiveDate: '2025-01-01' }],
        timeOfLastStatusChange: '2025-01-01',
      })),
      { attestationCertificateKeyIdentifiers: ['0123456789abcdef0123456789abcdef01234567'], metadataStatement: { description: 'A U2F key', protocolFamily: 'u2f' }, statusReports: [], timeOfLastStatusChange: '2025-01-01' },
    ],
  };
}

/** The same JWT with another payload but the original signature (a forged BLOB). */
export function withForgedPayload(jwt: string, payload: object): string {
  const [head, , signature] = jwt.split('.');
  return `${head}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;
}
