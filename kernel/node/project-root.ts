import fs from 'node:fs';
import path from 'node:path';

/**
 * The checkout (or packaged app) a module runs from: the nearest folder above `dir` holding a
 * package.json. Source files and the bundles built from them (dist/node/*.mjs, dist/electron/main)
 * sit at different depths, so a fixed number of `..` would be right for only one of them.
 */
export function projectRootFrom(dir: string): string {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'package.json'))) return d;
    if (path.dirname(d) === d) throw new Error(`no package.json above ${dir}`);
  }
}

/**
 * How to run one of the kiosk's own Node programs as a child process: its bundle under
 * dist/node/ when the caller itself runs compiled (`npm run build:node` builds them together),
 * otherwise its TypeScript source through tsx (tests, development).
 */
export function nodeProgram(root: string, callerUrl: string, source: string, bundle: string): string[] {
  const compiled = path.join(root, 'dist', 'node', bundle);
  return !callerUrl.endsWith('.ts') && fs.existsSync(compiled) ? [compiled] : ['--import', 'tsx', path.join(root, source)];
}
