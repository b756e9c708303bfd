/**
 * Log redaction: personal data must never reach a log line. Patterns catch what has a shape
 * (ID numbers, mobile numbers); values with no shape (names, addresses) are registered by the
 * session while it lives and scrubbed by value.
 */
const SHAPED: ReadonlyArray<[RegExp, string]> = [
  // 18-digit resident ID (last char may be X) and old 15-digit numbers
  [/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g, '[id-number]'],
  [/(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])/g, '[id-number]'],
  // mainland mobile numbers, optionally with +86
  [/(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)/g, '[phone]'],
];

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Registers values (a name, an address) to scrub until `forget` is called. */
  remember(...values: Array<string | null | undefined>): void {
    for (const v of values) if (v && v.trim().length >= 2) this.secrets.add(v.trim());
  }

  forget(...values: Array<string | null | undefined>): void {
    for (const v of values) if (v) this.secrets.delete(v.trim());
  }

  forgetAll(): void {
    this.secrets.clear();
  }

  redact(text: string): string {
    let out = text;
    for (const [pattern, replacement] of SHAPED) out = out.replace(pattern, replacement);
    // Longest first so "张三丰" is scrubbed before "张三".
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      out = out.split(secret).join('[personal]');
    }
    return out;
  }
}
