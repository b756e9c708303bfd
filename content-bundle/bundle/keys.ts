import crypto from 'node:crypto';
import fs from 'node:fs';
import { canonicalize } from '@tufjs/canonical-json';
import { z } from 'zod';

/** An operator's ed25519 key as stored on disk; `private` is absent in public-key files. */
export const operatorKeyFile = z.object({
  keyid: z.string().regex(/^[0-9a-f]{64}$/),
  keytype: z.literal('ed25519'),
  scheme: z.literal('ed25519'),
  public: z.string().regex(/^[0-9a-f]{64}$/),
  private: z.string().startsWith('-----BEGIN PRIVATE KEY-----').optional(),
  label: z.string().optional(),
  /** Sample/dev keys shipped in the repository carry this warning; never use them in production. */
  warning: z.string().optional(),
});
export type OperatorKey = z.infer<typeof operatorKeyFile>;

/** The TUF key object (as it appears in root.json) for an operator key. */
export const tufKeyJson = (k: Pick<OperatorKey, 'public'>) => ({ keytype: 'ed25519', scheme: 'ed25519', keyval: { public: k.public } });

/** TUF key id: SHA-256 of the canonical JSON of the public key object. */
export const keyIdOf = (publicHex: string): string =>
  crypto.createHash('sha256').update(canonicalize(tufKeyJson({ public: publicHex }))).digest('hex');

export function generateOperatorKey(label: string): OperatorKey {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  const publicHex = der.subarray(der.length - 32).toString('hex');
  return {
    keyid: keyIdOf(publicHex),
    keytype: 'ed25519',
    scheme: 'ed25519',
    public: publicHex,
    private: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    label,
  };
}

export function readOperatorKey(file: string): OperatorKey {
  const key = operatorKeyFile.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (keyIdOf(key.public) !== key.keyid) throw new Error(`${file}: keyid does not match the public key`);
  return key;
}

export const publicPart = ({ private: _p, ...rest }: OperatorKey): OperatorKey => rest;

/** Signs bytes with an operator key; the TUF signature is hex. */
export function signBytes(key: OperatorKey, data: Buffer): string {
  if (!key.private) throw new Error(`key ${key.keyid.slice(0, 8)} has no private part`);
  return crypto.sign(null, data, crypto.createPrivateKey(key.private)).toString('hex');
}
