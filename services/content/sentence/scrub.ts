import type { Redactor } from '../../log/redact';

/** Digit runs long enough to be an account, a plate or a phone number in another shape. */
const NUMBERS = /\d[\d\s-]{4,}\d/g;
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/g;
/** What the redactor and this filter put in: a sentence of nothing else is not worth keeping. */
const PLACEHOLDERS = /\[(?:personal|id-number|phone|number|email)\]/g;

/**
 * A sentence made safe to keep: the log redactor's filter (ID numbers and mobile numbers by shape,
 * the session's name and address by value), then any longer run of digits and e-mail addresses.
 * Null when nothing but personal data was left.
 */
export function scrubSentence(sentence: string, redactor: Redactor): string | null {
  const text = redactor
    .redact(sentence.normalize('NFKC'))
    .replace(EMAIL, '[email]')
    .replace(NUMBERS, '[number]')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
  return text.replace(PLACEHOLDERS, '').replace(/[\s\p{P}]/gu, '') === '' ? null : text;
}
