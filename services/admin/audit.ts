import fs from 'node:fs';
import path from 'node:path';
import type { Redactor } from '../log/redact';

export type AuditDetail = Record<string, string | number | boolean | null>;
export interface AuditEntry {
  readonly at: string;
  readonly action: string;
  readonly outcome: string;
  readonly detail: AuditDetail;
}

const MAX_BYTES = 1024 * 1024;

/**
 * Every technician action, one JSON line each in `<data>/admin/audit.jsonl` (beside the database, so a
 * rebuilt database keeps its history). Details are roles, ports, versions and counts, never what a
 * person entered; each line still passes the log redactor. Written synchronously and flushed: an
 * action the technician saw done is on disk.
 */
export class AuditLog {
  constructor(
    private readonly file: string,
    private readonly redactor: Redactor,
  ) {}

  record(action: string, outcome: string, detail: AuditDetail = {}): AuditEntry {
    const entry: AuditEntry = { at: new Date().toISOString(), action, outcome, detail };
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    try {
      if (fs.statSync(this.file).size > MAX_BYTES) fs.renameSync(this.file, `${this.file}.1`);
    } catch {
      // No file yet.
    }
    const fd = fs.openSync(this.file, 'a', 0o600);
    try {
      fs.writeSync(fd, `${this.redactor.redact(JSON.stringify(entry))}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    return entry;
  }

  /** The newest entries first. */
  list(limit = 100): AuditEntry[] {
    const lines: string[] = [];
    for (const f of [this.file, `${this.file}.1`]) {
      try {
        lines.unshift(...fs.readFileSync(f, 'utf8').split('\n').filter(Boolean));
      } catch {
        // Not there.
      }
      if (lines.length >= limit) break;
    }
    return lines
      .reverse()
      .slice(0, limit)
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as AuditEntry];
        } catch {
          return [];
        }
      });
  }

  get path(): string {
    return this.file;
  }
}
