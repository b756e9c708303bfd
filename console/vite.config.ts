import path from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

/** Builds the fleet console's web app into dist/console, served by the console server itself. */
export default defineConfig({
  root: path.resolve(import.meta.dirname, 'ui'),
  base: '/',
  plugins: [vue()],
  build: {
    outDir: path.resolve(import.meta.dirname, '../dist/console'),
    emptyOutDir: true,
    // The console's CSP allows no inline data: every asset stays a file.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
    target: 'chrome120',
  },
});
