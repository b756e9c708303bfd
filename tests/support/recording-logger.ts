import type { Logger } from '../../services/log/logger';
import { Redactor } from '../../services/log/redact';

export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly scope: string;
  readonly msg: string;
  readonly fields: Record<string, unknown> | undefined;
}

/** A Logger that keeps its lines in memory, so tests can read what a technician would see. */
export function recordingLogger(lines: LogLine[] = [], scope = 'test'): Logger & { readonly lines: LogLine[] } {
  const make = (s: string): Logger & { readonly lines: LogLine[] } => ({
    lines,
    debug: (msg, fields) => lines.push({ level: 'debug', scope: s, msg, fields }),
    info: (msg, fields) => lines.push({ level: 'info', scope: s, msg, fields }),
    warn: (msg, fields) => lines.push({ level: 'warn', scope: s, msg, fields }),
    error: (msg, fields) => lines.push({ level: 'error', scope: s, msg, fields }),
    child: (sub) => make(`${s}.${sub}`),
    redactor: new Redactor(),
  });
  return make(scope);
}
