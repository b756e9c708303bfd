import fs from 'node:fs';
import type { Diagnostics } from '../../console/wire/protocol';
import type { Redactor } from '../log/redact';

const TAIL_BYTES = 128 * 1024;
const TAIL_LINES = 200;

/** The last lines of the kiosk's log (already redacted when written; redacted again, in case a rule was added since). */
export function logTail(file: string, redactor: Redactor): string[] {
  let text: string;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const start = Math.max(0, size - TAIL_BYTES);
      const buf = Buffer.alloc(size - start);
      fs.readSync(fd, buf, 0, buf.length, start);
      text = buf.toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return [];
  }
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  // The first line of a tail read from the middle of the file is cut.
  if (text.length >= TAIL_BYTES) lines.shift();
  return lines.slice(-TAIL_LINES).map((l) => redactor.redact(l).slice(0, 2000));
}

export interface DiagnosticsSources {
  readonly health: () => Record<string, unknown>;
  readonly fleet: () => Record<string, unknown>;
  readonly outbox: () => Diagnostics['outbox'];
  readonly logFile: string;
  readonly redactor: Redactor;
}

/** What a technician would look at first: health, the fleet link, the outbox (no payloads) and the log. */
export const gatherDiagnostics = (s: DiagnosticsSources): Diagnostics => ({
  health: s.health(),
  fleet: s.fleet(),
  outbox: s.outbox(),
  logTail: logTail(s.logFile, s.redactor),
});
