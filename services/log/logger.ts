import fs from 'node:fs';
import path from 'node:path';
import { Redactor } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(scope: string): Logger;
  readonly redactor: Redactor;
}

export interface LoggerOptions {
  /** File that receives JSON lines; omitted → stderr only. */
  file?: string;
  /** Size at which the file is rotated (`kiosk.log` → `kiosk.log.1` …), default 5 MiB. */
  maxBytes?: number;
  /** Rotated files kept, default 5: a flood of refused requests cannot fill the disk. */
  keep?: number;
  level?: LogLevel;
  echo?: boolean;
  redactor?: Redactor;
}

/**
 * JSON-lines logger. Every line passes through the redactor after serialisation, so personal data
 * is caught wherever it hides (message, fields, error stacks).
 */
export function createLogger(options: LoggerOptions = {}, scope = 'kiosk'): Logger {
  const redactor = options.redactor ?? new Redactor();
  const min = ORDER[options.level ?? 'info'];
  let fd: number | null = null;
  let size = 0;
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const keep = options.keep ?? 5;
  const open = (file: string): void => {
    fd = fs.openSync(file, 'a', 0o600);
    size = fs.fstatSync(fd).size;
  };
  const rotate = (file: string): void => {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(`${file}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) if (fs.existsSync(`${file}.${i}`)) fs.renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    fs.renameSync(file, `${file}.1`);
    open(file);
  };
  if (options.file) {
    fs.mkdirSync(path.dirname(options.file), { recursive: true, mode: 0o700 });
    open(options.file);
  }
  const write = (level: LogLevel, s: string, msg: string, fields?: Record<string, unknown>): void => {
    if (ORDER[level] < min) return;
    const line = redactor.redact(
      JSON.stringify({ t: new Date().toISOString(), level, scope: s, msg, ...serialise(fields) }),
    );
    if (fd !== null && options.file) {
      const bytes = Buffer.from(`${line}\n`);
      if (size > 0 && size + bytes.length > maxBytes) rotate(options.file);
      fs.writeSync(fd, bytes);
      size += bytes.length;
    }
    if (options.echo ?? fd === null) process.stderr.write(`${line}\n`);
  };
  const make = (s: string): Logger => ({
    debug: (m, f) => write('debug', s, m, f),
    info: (m, f) => write('info', s, m, f),
    warn: (m, f) => write('warn', s, m, f),
    error: (m, f) => write('error', s, m, f),
    child: (sub) => make(`${s}.${sub}`),
    redactor,
  });
  return make(scope);
}

const serialise = (fields?: Record<string, unknown>): Record<string, unknown> => {
  if (!fields) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = v instanceof Error ? { name: v.name, message: v.message } : v;
  }
  return out;
};

/** A logger that drops everything, for unit tests that do not look at logs. */
export const silentLogger = (): Logger => createLogger({ level: 'error', echo: false, file: undefined }, 'silent');
