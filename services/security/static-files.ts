import fs from 'node:fs';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ico': 'image/x-icon',
  '.wav': 'audio/wav',
};

export interface StaticFile {
  readonly body: Buffer;
  readonly type: string;
  /** Hashed build assets never change, so they may be cached forever. */
  readonly immutable: boolean;
}

/**
 * Resolves a URL path inside the renderer's build directory. Paths that escape it are refused;
 * unknown paths without an extension fall back to index.html (client-side routes).
 */
export function resolveStatic(rootDir: string, urlPath: string): StaticFile | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  const root = path.resolve(rootDir);
  const candidate = path.resolve(root, `.${decoded}`);
  if (candidate !== root && !candidate.startsWith(root + path.sep)) return null;
  let file = candidate;
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    if (path.extname(decoded) !== '') return null;
    file = path.join(root, 'index.html');
    if (!fs.existsSync(file)) return null;
  }
  const ext = path.extname(file);
  return {
    body: fs.readFileSync(file),
    type: TYPES[ext] ?? 'application/octet-stream',
    immutable: file.includes(`${path.sep}assets${path.sep}`),
  };
}
