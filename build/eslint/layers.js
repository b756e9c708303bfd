// The product's layers: which folder is which layer, what each layer may import, and what kind of
// code every npm dependency is. Read by the `layers/imports` lint rule (build/eslint/layer-rule.js);
// the README's "Architecture" section explains the same table in words.

/** Folder prefix → layer; the longest prefix wins. */
export const LAYER_OF_FOLDER = {
  'kernel/node/': 'kernel-node',
  'kernel/': 'kernel',
  'contract/': 'contract',
  'platform-wire/model/': 'platform-model',
  'platform-wire/': 'platform-wire',
  'content-bundle/model/': 'content-model',
  'content-bundle/': 'content-bundle',
  'hardware/testing/': 'hardware-testing',
  'hardware/': 'hardware',
  'services/demo/': 'services-demo',
  'services/': 'services',
  'host/': 'host',
  'electron/main/': 'electron-main',
  'electron/preload/': 'electron-preload',
  'renderer/': 'renderer',
  'console/wire/': 'console-wire',
  'console/shared/': 'console-shared',
  'console/server/': 'console-server',
  'console/ui/': 'console-ui',
  'platform-sim/': 'platform-sim',
  'operator/': 'operator',
  'content/': 'content',
  'build/': 'tooling',
  'tests/': 'tooling',
};

const NODE_PROGRAM = ['kernel', 'kernel-node'];
const SERVICES = [...NODE_PROGRAM, 'contract', 'platform-model', 'platform-wire', 'content-model', 'content-bundle', 'hardware', 'services'];

/**
 * Layer → the layers it may import (its own included) and the kinds of package it may use.
 * Package kinds: std (any JavaScript runtime), node (Node built-ins and Node-only packages),
 * dom (browser-only packages), electron, tool (tests and build only). `packages` narrows further.
 */
export const RULES = {
  kernel: { layers: ['kernel'], kinds: [], why: 'the kernel is the ground floor: the standard library only' },
  'kernel-node': { layers: NODE_PROGRAM, kinds: ['node'] },
  contract: { layers: ['kernel', 'platform-model', 'content-model', 'contract'], kinds: ['std'], packages: ['zod'] },
  'platform-model': { layers: ['kernel', 'platform-model'], kinds: ['std'], packages: ['zod'] },
  'platform-wire': { layers: [...NODE_PROGRAM, 'platform-model', 'platform-wire'], kinds: ['std', 'node'] },
  'content-model': { layers: ['kernel', 'platform-model', 'content-model'], kinds: ['std'], packages: ['zod'] },
  'content-bundle': { layers: [...NODE_PROGRAM, 'platform-model', 'content-model', 'content-bundle'], kinds: ['std', 'node'] },
  hardware: { layers: [...NODE_PROGRAM, 'hardware'], kinds: ['std', 'node'] },
  'hardware-testing': { layers: [...NODE_PROGRAM, 'hardware', 'hardware-testing'], kinds: ['std', 'node'] },
  // Only services/demo reaches the simulators (hardware/testing): the demo profile's wiring lives there.
  // The kiosk speaks to the fleet console through console/wire (the protocol both sides share), never its server or UI.
  services: { layers: [...SERVICES, 'console-wire', 'services-demo'], kinds: ['std', 'node'] },
  'services-demo': { layers: [...SERVICES, 'console-wire', 'hardware-testing', 'services-demo'], kinds: ['std', 'node'] },
  host: { layers: [...NODE_PROGRAM, 'contract', 'services', 'host'], kinds: ['std', 'node'] },
  'electron-main': { layers: [...NODE_PROGRAM, 'contract', 'services', 'electron-main'], kinds: ['std', 'node', 'electron'] },
  'electron-preload': { layers: ['contract', 'electron-preload'], kinds: ['electron'] },
  renderer: { layers: ['kernel', 'contract', 'renderer'], kinds: ['std', 'dom'] },
  'console-wire': { layers: ['kernel', 'console-wire'], kinds: ['std'], packages: ['zod'] },
  'console-shared': { layers: ['kernel', 'console-wire', 'console-shared'], kinds: ['std'], packages: ['zod'] },
  'console-server': {
    layers: [...NODE_PROGRAM, 'platform-model', 'platform-wire', 'content-model', 'content-bundle', 'console-wire', 'console-shared', 'console-server'],
    kinds: ['std', 'node'],
  },
  'console-ui': { layers: ['kernel', 'console-wire', 'console-shared', 'console-ui'], kinds: ['std', 'dom'] },
  'platform-sim': { layers: [...NODE_PROGRAM, 'platform-model', 'platform-wire', 'platform-sim'], kinds: ['std', 'node'] },
  operator: { layers: [...NODE_PROGRAM, 'platform-model', 'platform-wire', 'content-model', 'content-bundle', 'content', 'operator'], kinds: ['std', 'node'] },
  content: { layers: ['kernel', 'platform-model', 'content-model', 'content'], kinds: ['std', 'node'], packages: ['zod'] },
  tooling: { layers: '*', kinds: '*' },
};

/** Every npm dependency, by the runtime it needs. An unlisted package is refused by lint. */
export const PACKAGE_KINDS = {
  zod: 'std',
  'pinyin-pro': 'std',
  jsqr: 'std',
  qrcode: 'std',
  receiptline: 'std',
  '@tufjs/canonical-json': 'std',
  '@tufjs/models': 'node',
  'tuf-js': 'node',
  'better-sqlite3': 'node',
  serialport: 'node',
  'iconv-lite': 'node',
  pngjs: 'node',
  ws: 'node',
  fastify: 'node',
  '@fastify/static': 'node',
  '@fastify/cookie': 'node',
  '@electric-sql/pglite': 'node',
  pg: 'node',
  '@node-rs/argon2': 'node',
  '@node-rs/jieba': 'node',
  exceljs: 'node',
  'chinese-days': 'std',
  echarts: 'dom',
  vue: 'dom',
  pinia: 'dom',
  'vue-router': 'dom',
  'vue-i18n': 'dom',
  'simple-keyboard': 'dom',
  // Document page detection (Canny in WebAssembly) for the 高拍仪; its detect mode runs in a worker.
  scanic: 'dom',
  'simple-keyboard-layouts': 'dom',
  '@fontsource/noto-sans-sc': 'dom',
  electron: 'electron',
  vitest: 'tool',
  'fast-check': 'tool',
  'playwright-core': 'tool',
  '@axe-core/playwright': 'tool',
  esbuild: 'tool',
  vite: 'tool',
  '@vitejs/plugin-vue': 'tool',
  '@electron/fuses': 'tool',
  minisearch: 'tool',
  flexsearch: 'tool',
  eslint: 'tool',
  '@eslint/js': 'tool',
  'eslint-plugin-vue': 'tool',
  'typescript-eslint': 'tool',
  'vue-eslint-parser': 'tool',
  globals: 'tool',
  typescript: 'tool',
};
