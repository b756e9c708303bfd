import { afterPack } from './fuses';

/**
 * Packaging of the Electron shell with electron-builder (not a project dependency: install it on the
 * packaging machine). Build first (npm run build:renderer && npm run build:electron), then, under tsx so
 * this file and the afterPack hook load as TypeScript:
 *   npx tsx node_modules/electron-builder/cli.js --config build/electron-builder.config.ts --linux   (deb, AppImage)
 *   npx tsx node_modules/electron-builder/cli.js --config build/electron-builder.config.ts --win     (NSIS)
 *
 * - Native modules: better-sqlite3 (V8 API) is rebuilt for Electron's ABI (`npmRebuild`); the N-API
 *   ones (@serialport/bindings-cpp, @node-rs/argon2, @node-rs/jieba) load as they are. All are kept out
 *   of the asar: a .node file cannot be loaded from inside it, and their loaders look for files beside it.
 * - Fuses (build/fuses.ts, afterPack): RunAsNode off, NODE_OPTIONS and --inspect off, cookie encryption
 *   on, only app.asar loaded. ASAR integrity validation is switched on too, but Electron enforces it on
 *   Windows (and macOS) only: on Linux it is the package manager's and the signed update channel's job.
 * - No `publish`, and never electron-updater: its deb path installs with `pkexec dpkg -i` without checking
 *   a signature. Kiosks take app builds from the signed TUF channel with A/B rollback (kiosk-launcher).
 */
export const NATIVE_PACKAGES = ['better-sqlite3', '@serialport/bindings-cpp', '@node-rs/argon2', '@node-rs/jieba'] as const;

const config = {
  appId: 'cn.gov.gd.zhengwu-kiosk',
  productName: 'zhengwu-kiosk',
  executableName: 'zhengwu-kiosk',
  copyright: '政务自助终端',
  directories: { output: 'dist/packages', buildResources: 'build' },
  files: ['package.json', 'dist/electron/**', 'dist/renderer/**', '!**/*.map'],
  asar: true,
  asarUnpack: [
    '**/*.node',
    'node_modules/better-sqlite3/**',
    'node_modules/@serialport/bindings-cpp/**',
    'node_modules/@node-rs/argon2*/**',
    'node_modules/@node-rs/jieba*/**',
  ],
  npmRebuild: true,
  buildDependenciesFromSource: false,
  nodeGypRebuild: false,
  afterPack,
  // The deployment's own files travel with the app: the systemd unit and the udev rules (README: deployment).
  extraResources: [
    { from: 'build/systemd/zhengwu-kiosk-electron.service', to: 'deploy/zhengwu-kiosk-electron.service' },
    { from: 'build/udev/61-zhengwu-kiosk.rules', to: 'deploy/61-zhengwu-kiosk.rules' },
  ],
  publish: null,
  linux: {
    target: ['deb', 'AppImage'],
    category: 'Utility',
    maintainer: 'kiosk-operations',
    icon: 'build/icons',
    synopsis: '政务自助终端 — government service self-service kiosk',
  },
  deb: {
    depends: ['libnss3', 'libasound2', 'cage'],
    // data.tar.gz: the A/B installer of signed app updates reads gzip (xz is not in Node).
    compression: 'gz',
  },
  win: { target: ['nsis'], icon: 'build/icons/512x512.png' },
  nsis: { oneClick: false, perMachine: true, allowToChangeInstallationDirectory: false, createDesktopShortcut: false },
} as const;

export default config;
