import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config';
import { FIDO_MDS_ROOT_CA_PEM, mdsRootCertificate } from './fido-mds-root-ca';
import { verifyMdsBlob } from './mds-blob';
import { createMdsTestCa, mdsPayload, withForgedPayload, type TMdsTestCa } from './mds-test-support';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const utf8 = (s: string) => Buffer.from(s, 'utf8');

describe('verifyMdsBlob', () => {
  let ca: TMdsTestCa;
  let other: TMdsTestCa;
  beforeAll(async () => {
    [ca, other] = await Promise.all([createMdsTestCa('Trusted'), createMdsTestCa('Other')]);
  });

  it('reads the FIDO2 entries of a BLOB signed under the trusted root', async () => {
    const jwt = await ca.sign(mdsPayload(42, [{ aaguid: B.toUpperCase(), description: 'Key B' }, { aaguid: A, description: '  Key A ' }]));
    const blob = await verifyMdsBlob(utf8(`${jwt}\n`), ca.rootPem);
    expect(blob).toMatchObject({ no: 42, nextUpdate: '2027-01-01', legalHeader: 'Test BLOB, not for production.', skipped: 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(blob.entries.map((e) => [e.aaguid, e.name])).toEqual([
      [A, 'Key A'],
      [B, 'Key B'],
    ]);
    expect(blob.entries[0]!.statement).toMatchObject({ protocolFamily: 'fido2', description: '  Key A ' });
  });

  it('refuses a chain to another root: metadata.mds_untrusted_chain', async () => {
    const jwt = await other.sign(mdsPayload(1, [{ aaguid: A, description: 'Key A' }]));
    await expect(verifyMdsBlob(utf8(jwt), ca.rootPem)).rejects.toMatchObject({ code: 'metadata.mds_untrusted_chain', status: 400 });
    // The bundled FIDO root trusts neither test CA.
    await expect(verifyMdsBlob(utf8(jwt), FIDO_MDS_ROOT_CA_PEM)).rejects.toMatchObject({ code: 'metadata.mds_untrusted_chain' });
  });

  it('refuses a payload changed after signing: metadata.mds_bad_signature', async () => {
    const jwt = await ca.sign(mdsPayload(1, [{ aaguid: A, description: 'Key A' }]));
    const forged = withForgedPayload(jwt, mdsPayload(2, [{ aaguid: A, description: 'Evil key' }]));
    await expect(verifyMdsBlob(utf8(forged), ca.rootPem)).rejects.toMatchObject({ code: 'metadata.mds_bad_signature', status: 400 });
  });

  it('refuses what is not an MDS3 BLOB: metadata.mds_malformed', async () => {
    const jwt = await ca.sign(mdsPayload(1, []));
    const [head] = jwt.split('.');
    for (const text of ['', 'hello', 'a.b', `${head}.e30.c2ln`, `e30.e30.c2ln`, `${Buffer.from('{"alg":"RS256","x5c":["AAAA"]}').toString('base64url')}.e30.c2ln`]) {
      await expect(verifyMdsBlob(utf8(text), ca.rootPem), text).rejects.toMatchObject({ code: 'metadata.mds_malformed', status: 400 });
    }
    // Signed, but the payload has no entries.
    await expect(verifyMdsBlob(utf8(await ca.sign({ no: 1, nextUpdate: '2027-01-01' })), ca.rootPem)).rejects.toMatchObject({ code: 'metadata.mds_malformed' });
  });

  it('trusts the bundled GlobalSign Root CA - R3 unless LATCHKEY_MDS_ROOT_CERT_FILE names another root', () => {
    expect(mdsRootCertificate({})).toBe(FIDO_MDS_ROOT_CA_PEM);
    expect(FIDO_MDS_ROOT_CA_PEM).toContain('-----BEGIN CERTIFICATE-----\nMIIDXzCCAkegAwIBAgILBAAAAAABIVhTCKIw');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mds-root-')), 'root.pem');
    fs.writeFileSync(file, ca.rootPem);
    expect(mdsRootCertificate({ mdsRootCertFile: file })).toBe(ca.rootPem);
    expect(parseConfig({ LATCHKEY_MDS_ROOT_CERT_FILE: file }).mdsRootCertFile).toBe(file);
  });
});
