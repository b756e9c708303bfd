import path from 'node:path';
import { build } from 'esbuild';

/**
 * `npm run build:node`: the kiosk's Node programs as ES bundles under dist/node/, so `npm run kiosk`,
 * the end-to-end tests and a Chromium-kiosk deployment start plain `node` on compiled code instead of
 * transpiling TypeScript at every start (about half of the host's start-up time). npm packages stay
 * external (native ones — better-sqlite3, serialport — must load from node_modules).
 */
const root = path.resolve(import.meta.dirname, '..');
const programs: Record<string, string> = {
  host: 'host/cli.ts',
  'device-sim': 'hardware/testing/simulators/cli.ts',
  'platform-sim': 'platform-sim/cli.ts',
  'kiosk-admin': 'host/admin-cli.ts',
  'kiosk-launcher': 'host/launcher.ts',
  'kiosk-browser': 'host/browser-supervisor.ts',
};

await build({
  absWorkingDir: root,
  entryPoints: Object.entries(programs).map(([out, entry]) => ({ in: entry, out })),
  outdir: 'dist/node',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
