export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface ConsoleLog {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/**
 * JSON lines on stderr. The console holds no personal data of the public (kiosks report device and
 * software state only); request bodies, passwords, tokens and cookies are never logged.
 */
export function createConsoleLog(level: LogLevel = 'info', write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): ConsoleLog {
  const min = ORDER[level];
  const emit = (l: LogLevel, msg: string, fields?: Record<string, unknown>): void => {
    if (ORDER[l] < min) return;
    const f = Object.fromEntries(Object.entries(fields ?? {}).map(([k, v]) => [k, v instanceof Error ? v.message : v]));
    write(JSON.stringify({ t: new Date().toISOString(), level: l, scope: 'console', msg, ...f }));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

export const silentLog: ConsoleLog = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
