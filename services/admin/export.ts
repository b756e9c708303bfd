import fs from 'node:fs';
import path from 'node:path';
import type { Redactor } from '../log/redact';
import { tarGzip } from './tar';

export interface ExportTarget {
  readonly path: string;
  readonly label: string;
  readonly freeBytes: number | null;
}

const writableDir = (p: string): boolean => {
  try {
    if (!fs.statSync(p).isDirectory()) return false;
    fs.accessSync(p, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/** A mounted file system: its device differs from its parent's (a USB stick under /media/<user>/). */
const isMountPoint = (p: string): boolean => {
  try {
    return fs.statSync(p).dev !== fs.statSync(path.dirname(p)).dev;
  } catch {
    return false;
  }
};

const freeBytes = (p: string): number | null => {
  try {
    const s = fs.statfsSync(p);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
};

/**
 * Where an export may go: writable removable media, found one or two levels under the roots
 * (`/media/<label>`, `/media/<user>/<label>`, `/run/media/<user>/<label>`, `/mnt/<label>`). With the
 * system roots only real mount points count, so the export never lands on the kiosk's own disk by a
 * mistyped choice; explicitly configured roots (KIOSK_EXPORT_ROOTS) take any writable folder.
 */
export function listExportTargets(roots: readonly string[], requireMount: boolean): ExportTarget[] {
  const found: ExportTarget[] = [];
  const consider = (dir: string, depth: number): void => {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      const p = path.join(dir, name);
      if (!writableDir(p)) continue;
      if (!requireMount || isMountPoint(p)) found.push({ path: p, label: name, freeBytes: freeBytes(p) });
      else if (depth < 2) consider(p, depth + 1);
    }
  };
  for (const root of roots) consider(root, 1);
  return found;
}

/** Log lines are redacted when written; the export passes them through the redactor again, in case an older build wrote them. */
export function redactedLogs(logDir: string, redactor: Redactor): Array<{ name: string; data: Buffer }> {
  let names: string[];
  try {
    names = fs.readdirSync(logDir).filter((n) => /^kiosk\.log(\.\d+)?$/.test(n));
  } catch {
    return [];
  }
  return names.sort().map((n) => ({
    name: `logs/${n}`,
    data: Buffer.from(
      fs
        .readFileSync(path.join(logDir, n), 'utf8')
        .split('\n')
        .map((l) => redactor.redact(l))
        .join('\n'),
      'utf8',
    ),
  }));
}

/** Writes the archive into `target` (atomically: a stick pulled mid-write leaves no half file under the final name). */
export function writeExport(target: string, fileName: string, files: ReadonlyArray<{ name: string; data: Buffer }>): { file: string; bytes: number } {
  const archive = tarGzip(files);
  const final = path.join(target, fileName);
  const tmp = `${final}.partial`;
  const fd = fs.openSync(tmp, 'w', 0o644);
  try {
    fs.writeSync(fd, archive);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, final);
  return { file: final, bytes: archive.length };
}
