import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Where the outbox's data-encryption key comes from. The Electron main may supply one protected by
 * `safeStorage`; the Node host uses a key file readable only by the kiosk user.
 */
export interface KeyProvider {
  /** 32-byte AES-256-GCM key for personal data held at rest by the outbox. */
  outboxKey(): Buffer;
}

const readOrCreate = (file: string, create: () => Buffer): Buffer => {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    return fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const value = create();
  // Write to a temp file and rename, so a power cut never leaves a half-written key.
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'wx', 0o600);
  fs.writeSync(fd, value);
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  try {
    fs.linkSync(tmp, file); // fails if another process created it first: use theirs
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    fs.unlinkSync(tmp);
  }
  return fs.readFileSync(file);
};

/** Key file `<dataDir>/platform/outbox.key` (mode 0600), created on first use. */
export class FileKeyProvider implements KeyProvider {
  private key: Buffer | null = null;
  constructor(private readonly dir: string) {}

  outboxKey(): Buffer {
    this.key ??= readOrCreate(path.join(this.dir, 'outbox.key'), () => randomBytes(32));
    if (this.key.length !== 32) throw new Error('outbox key file is corrupt (expected 32 bytes)');
    return this.key;
  }
}

const SEAL_VERSION = 1;

/** AES-256-GCM: version byte, 12-byte IV, 16-byte tag, ciphertext. `aad` binds it to its row. */
export function seal(key: Buffer, plaintext: string, aad: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([SEAL_VERSION]), iv, cipher.getAuthTag(), body]);
}

export function unseal(key: Buffer, sealed: Buffer, aad: string): string {
  if (sealed[0] !== SEAL_VERSION) throw new Error(`unknown sealed-data version ${sealed[0]}`);
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(sealed.subarray(13, 29));
  return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
}

/** The kiosk's request-signing identity: an Ed25519 key pair kept in `<dir>/kiosk-signing.pem` (0600). */
export interface KioskSigningKey {
  readonly kioskId: string;
  readonly privateKey: KeyObject;
  readonly publicKeySpkiBase64: string;
}

export function loadSigningKey(dir: string, preferredKioskId: string | undefined, fallbackKioskId: string): KioskSigningKey {
  const pem = readOrCreate(path.join(dir, 'kiosk-signing.pem'), () =>
    Buffer.from(generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string),
  );
  // The platform knows the kiosk by a stable id: keep the first one, unless KIOSK_ID overrides it.
  const idFile = readOrCreate(path.join(dir, 'kiosk-id'), () => Buffer.from(preferredKioskId ?? fallbackKioskId));
  const privateKey = createPrivateKey(pem);
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { kioskId: preferredKioskId ?? idFile.toString('utf8').trim(), privateKey, publicKeySpkiBase64: spki.toString('base64') };
}
