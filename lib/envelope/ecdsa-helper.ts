import { z } from 'zod';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { decryptFrom, encryptFor, type TEnvelopeWireKeys } from './envelope';

export const ZEcdsaHelperInput = z.object({
  dataStr: z.string().max(1024 * 1024),
  publicKey: z.string().min(1).max(512),
  privateKey: z.string().min(1).max(512),
});

/**
 * `/ecdsa_helper/{encrypt|decrypt}` of spec 004: applies exactly the envelope of WIRE-NOTES §1
 * with the caller's own keys (a developer aid; nothing is stored).
 * @throws AppError `request.not_found` (unknown method), `request.validation_failed`,
 *   `envelope.invalid_key`, `envelope.decryption_failed`
 */
export function runEcdsaHelper(options: { method: string; input: unknown; curve: TEnvelopeWireKeys['curve'] }): { data: string } {
  if (options.method !== 'encrypt' && options.method !== 'decrypt') throw new AppError('request.not_found', { detail: `ecdsa_helper/${options.method}` });
  const input = parseInput(ZEcdsaHelperInput, options.input);
  const keys = { curve: options.curve, myPrivateKey: input.privateKey, peerPublicKey: input.publicKey };
  return { data: options.method === 'encrypt' ? encryptFor({ ...keys, data: input.dataStr }) : decryptFrom({ ...keys, data: input.dataStr }) };
}
