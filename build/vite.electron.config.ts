import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

/**
 * Bundles the Electron shell into dist/electron/ (`npm run build:electron`), in two passes:
 *   --mode main     electron/main/index.ts  → dist/electron/main/index.js   (ESM, Node target)
 *   --mode preload  electron/preload/index.ts → dist/electron/preload/index.cjs (CommonJS: a
 *                   sandboxed preload cannot be an ES module, and may require only 'electron')
 * Native modules stay external (they are rebuilt for Electron's ABI at packaging time); pure
 * dependencies are bundled so the app starts without resolving them.
 */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nativeOrHost = ['electron', 'better-sqlite3', 'serialport', /^@serialport\//];

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
        external: [...nodeBuiltins, ...nativeOrHost],
        output: { format: 'es', entryFileNames: 'index.js' },
      },
    },
  };
});
