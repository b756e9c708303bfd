import { validateCreditCode, validateIdNumber } from '../../kernel/identifiers';

/**
 * Log redaction: personal data must never reach a log line. Patterns catch what has a shape
 * (ID numbers, mobile numbers); values with no shape (names, addresses) are registered by the
 * session while it lives and scrubbed by value. Credit codes are public (they are printed on the
 * business licence) and stay readable for technicians.
 */
const ID18 = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const ID15 = /(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)/g;

/**
 * An all-digit credit code looks like an ID number. It stays readable only if it is a valid
 * credit code and could not be a valid ID number, so a mistyped ID number is still scrubbed.
 */
const id18Replacement = (match: string): string =>
  validateCreditCode(match).ok && !validateIdNumber(match.toUpperCase(), { today: '9999-12-31' }).ok && !/^\d{6}(18|19|20)/.test(match)
    ? match
    : '[id-number]';

export interface SessionIdentity {
  readonly name?: string | null;
  readonly idNumber?: string | null;
  readonly mobile?: string | null;
  readonly address?: string | null;
}

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Registers values (a name, an address) to scrub until `forget` is called. */
  remember(...values: Array<string | null | undefined>): void {
    for (const v of values) if (v && v.trim().length >= 2) this.secrets.add(v.trim());
  }

  /** Registers a person's identity with the spellings it may take in a log line. */
  rememberIdentity(identity: SessionIdentity): void {
    const id = identity.idNumber?.trim();
    this.remember(identity.name, identity.address, identity.mobile, id, id?.toLowerCase());
    // The name with spaces between the characters (as some forms print it) is scrubbed too.
    if (identity.name && [...identity.name].length >= 2) this.remember([...identity.name.trim()].join(' '));
  }

  forget(...values: Array<string | null | undefined>): void {
    for (const v of values) if (v) this.secrets.delete(v.trim());
  }

  forgetAll(): void {
    this.secrets.clear();
  }

  get size(): number {
    return this.secrets.size;
  }

  redact(text: string): string {
    // Longest first so "张三丰" is scrubbed before "张三".
    let out = text;
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      out = out.split(secret).join('[personal]');
      // Some writers escape non-ASCII as \uXXXX (e.g. a payload logged as ASCII-only JSON).
      const escaped = secret.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      if (escaped !== secret) {
        out = out.split(escaped).join('[personal]').split(escaped.replace(/\\u([0-9a-f]{4})/g, (_m, h: string) => `\\u${h.toUpperCase()}`)).join('[personal]');
      }
    }
    out = out.replace(ID18, id18Replacement).replace(ID15, '[id-number]').replace(MOBILE, '[phone]');
    return out;
  }
}
