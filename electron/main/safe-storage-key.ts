import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import type { KeyProvider } from '../../services/platform/keys';

/**
 * The outbox key kept with Electron's `safeStorage` (the OS keyring: libsecret, Keychain, DPAPI): the
 * file beside the data holds only the key encrypted by the keyring, so the data directory alone never
 * opens what the outbox seals. Without a keyring nothing is sealed and the kiosk says so.
 */
export class SafeStorageKeyProvider implements KeyProvider {
  private key: Buffer | null = null;

  constructor(
    private readonly safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>,
    private readonly file: string,
  ) {}

  available(): boolean {
    return this.safeStorage.isEncryptionAvailable();
  }

  outboxKey(): Buffer {
    if (this.key) return this.key;
    if (!this.safeStorage.isEncryptionAvailable()) throw new Error('the OS keyring is not available: the outbox key cannot be protected');
    if (fs.existsSync(this.file)) {
      this.key = Buffer.from(this.safeStorage.decryptString(fs.readFileSync(this.file)), 'base64');
    } else {
      const key = randomBytes(32);
      fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      const tmp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, this.safeStorage.encryptString(key.toString('base64')), { mode: 0o600 });
      fs.renameSync(tmp, this.file);
      this.key = key;
    }
    if (this.key.length !== 32) throw new Error('the protected outbox key is corrupt (expected 32 bytes)');
    return this.key;
  }
}
