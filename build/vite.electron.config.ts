import fs from 'node:fs';
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

/**
 * Bundles the Electron shell into dist/electron/ (`npm run build:electron`), in two passes:
 *   --mode main     electron/main/index.ts  → dist/electron/main/index.js   (ESM, Node target)
 *   --mode preload  electron/preload/index.ts → dist/electron/preload/index.cjs (CommonJS: a
 *                   sandboxed preload cannot be an ES module, and may require only 'electron')
 * The main bundle holds our own code (main, services, contract, hardware); Node built-ins, Electron
 * and the packages in package.json "dependencies" stay external: electron-builder ships those in
 * node_modules (native ones — better-sqlite3, serialport — rebuilt for Electron's ABI), and Node
 * loads CommonJS packages natively, which an ES bundle cannot re-require.
 */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const runtimeDependencies = Object.keys(
  (JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { dependencies?: Record<string, string> })
    .dependencies ?? {},
);
/** True for what the main bundle leaves to the runtime: `zod` and `zod/v4` alike. */
export const isMainExternal = (id: string): boolean =>
  nodeBuiltins.includes(id) || id === 'electron' || runtimeDependencies.some((d) => id === d || id.startsWith(`${d}/`));

export default defineConfig(({ mode }) => {
  if (mode === 'preload') {
    return {
      publicDir: false,
      build: {
        outDir: 'dist/electron/preload',
        emptyOutDir: true,
        target: 'chrome140',
        minify: false,
        sourcemap: false,
        lib: { entry: 'electron/preload/index.ts', formats: ['cjs'], fileName: () => 'index.cjs' },
        rolldownOptions: { external: ['electron'] },
      },
    };
  }
  if (mode !== 'main') throw new Error(`build/vite.electron.config.ts: use --mode main or --mode preload (got "${mode}")`);
  return {
    publicDir: false,
    ssr: { noExternal: true, target: 'node' },
    build: {
      ssr: 'electron/main/index.ts',
      outDir: 'dist/electron/main',
      emptyOutDir: true,
      target: 'node22',
      minify: false,
      sourcemap: true,
      rolldownOptions: {
        external: isMainExternal,
        output: { format: 'es', entryFileNames: 'index.js' },
      },
    },
  };
});
