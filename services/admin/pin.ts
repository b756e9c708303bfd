import fs from 'node:fs';
import path from 'node:path';
import { hash, verify } from '@node-rs/argon2';
import { adminPin } from '../../contract/api/admin';

/**
 * The admin PIN, kept as a salted argon2id hash in a file of its own (`<data>/admin/pin.argon2`, 0600):
 * outside the database, so a damaged database that is rebuilt does not lock technicians out exactly
 * when they are needed. There is no default PIN: the first is set at install (`kiosk-admin set-pin`).
 */
export const pinFile = (dataDir: string): string => path.join(dataDir, 'admin', 'pin.argon2');

/** OWASP's argon2id minimum (19 MiB, 2 passes): ~50 ms per try on a kiosk, slow for anyone with the file. */
const HASH_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export class PinError extends Error {}

/** Sets (or replaces) the PIN: validates it, hashes it with a fresh salt, writes the file atomically. */
export async function setPin(dataDir: string, pin: string): Promise<string> {
  const parsed = adminPin.safeParse(pin);
  if (!parsed.success) throw new PinError('the PIN must be 6 to 12 digits');
  if (/^(\d)\1+$/.test(pin) || '01234567890123'.includes(pin) || '98765432109876'.includes(pin)) {
    throw new PinError('the PIN must not be one digit repeated or a run of digits');
  }
  const file = pinFile(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${await hash(pin, HASH_OPTIONS)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
  return file;
}

/** Reads the PIN hash at each check, so a PIN set while the kiosk runs counts at once. */
export class PinStore {
  constructor(private readonly file: string) {}

  private stored(): string | null {
    try {
      const text = fs.readFileSync(this.file, 'utf8').trim();
      return text.startsWith('$argon2') ? text : null;
    } catch {
      return null;
    }
  }

  isSet(): boolean {
    return this.stored() !== null;
  }

  async matches(pin: string): Promise<boolean> {
    const stored = this.stored();
    if (!stored || !adminPin.safeParse(pin).success) return false;
    try {
      return await verify(stored, pin);
    } catch {
      return false;
    }
  }
}
