import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Where the outbox's data-encryption key comes from: the Electron shell keeps it with `safeStorage`;
 * the Node host reads it from the environment or from a key file outside the data directory. Never a
 * file beside the outbox it protects.
 */
export interface KeyProvider {
  /** 32-byte AES-256-GCM key for personal data held at rest by the outbox. */
  outboxKey(): Buffer;
  /** Whether a key can be had at all (an OS keyring may be missing); unknown means yes. */
  available?(): boolean;
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

/**
 * The outbox key in a file of its own, outside the data directory (mode 0600), created on first use.
 * A kiosk upgraded from the layout that kept it beside the outbox (`<data>/platform/outbox.key`) has it
 * moved here, so entries still waiting stay readable, and the old copy overwritten and removed.
 */
export class FileKeyProvider implements KeyProvider {
  private key: Buffer | null = null;
  constructor(
    private readonly file: string,
    private readonly legacyFile?: string,
  ) {}

  outboxKey(): Buffer {
    if (this.key) return this.key;
    if (this.legacyFile && !fs.existsSync(this.file) && fs.existsSync(this.legacyFile)) {
      const old = fs.readFileSync(this.legacyFile);
      readOrCreate(this.file, () => old);
      destroyFile(this.legacyFile);
    }
    this.key = readOrCreate(this.file, () => randomBytes(32));
    if (this.key.length !== 32) throw new Error('outbox key file is corrupt (expected 32 bytes)');
    return this.key;
  }
}

/** The outbox key from the environment (base64 of 32 bytes), e.g. from a secrets manager. */
export class StaticKeyProvider implements KeyProvider {
  private readonly key: Buffer;
  constructor(base64: string) {
    this.key = Buffer.from(base64, 'base64');
    if (this.key.length !== 32) throw new Error('the outbox key must be 32 bytes');
  }
  outboxKey(): Buffer {
    return this.key;
  }
}

/** Overwrites a small secret file before unlinking it, so the old bytes do not stay in its blocks. */
export function destroyFile(file: string): void {
  try {
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(size));
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  } finally {
    fs.rmSync(file, { force: true });
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

export function loadSigningKey(dir: string, kioskId: string): KioskSigningKey {
  const pem = readOrCreate(path.join(dir, 'kiosk-signing.pem'), () =>
    Buffer.from(generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string),
  );
  const privateKey = createPrivateKey(pem);
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { kioskId, privateKey, publicKeySpkiBase64: spki.toString('base64') };
}
