import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

/** Builds the renderer into dist/renderer, served by both hosts (app://kiosk/ and http://127.0.0.1). */
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [vue()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // The CSP allows no inline data: fonts or scripts: every asset stays a file.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
    target: 'chrome120',
  },
});
