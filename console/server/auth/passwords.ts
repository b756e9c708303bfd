import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (19 MiB, 2 passes: OWASP's recommended minimum). */
export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// Checked when the username is unknown, so a wrong name takes as long as a wrong password.
let dummy: Promise<string> | null = null;
export const dummyHash = (): Promise<string> => (dummy ??= hash('no operator has this password'));
