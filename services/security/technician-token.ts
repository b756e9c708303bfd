import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The secret that unlocks technician methods on the Node host. From `KIOSK_TECHNICIAN_TOKEN`, else a
 * random token kept in `<data>/technician.token` (mode 600): whoever can read the kiosk's data
 * directory on the machine is a technician; a page in the browser never is.
 */
export function technicianToken(dataDir: string, configured: string | null): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'technician.token');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const token = randomBytes(24).toString('hex');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

/** Constant-time comparison, so the token cannot be guessed from response times. */
export function isTechnicianToken(candidate: string | undefined, token: string): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
