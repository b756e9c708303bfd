import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CHANNEL } from '../../../contract';

/**
 * Builds the shell the way `npm run build:electron` does (into a temp dir) and checks what Electron
 * will load: a sandboxed preload may `require` nothing but 'electron', and the main bundle may leave
 * only Node built-ins, Electron and native modules to the runtime.
 */
let out: string;

const buildShell = (mode: 'main' | 'preload') =>
  build({
    configFile: path.resolve('build/vite.electron.config.ts'),
    mode,
    logLevel: 'silent',
    build: { outDir: path.join(out, mode), sourcemap: false },
  });

beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-shell-build-'));
  await buildShell('main');
  await buildShell('preload');
});
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe('build:electron output', () => {
  it('the preload is one CommonJS file that runs in a sandbox with only electron to require', async () => {
    const code = fs.readFileSync(path.join(out, 'preload', 'index.cjs'), 'utf8');
    const exposed = new Map<string, unknown>();
    const invoked: unknown[] = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: {
        invoke: (...args: unknown[]) => {
          invoked.push(args);
          return Promise.resolve({ ok: true, value: null });
        },
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    const required: string[] = [];
    const sandboxRequire = (id: string): unknown => {
      required.push(id);
      if (id === 'electron') return fakeElectron;
      throw new Error(`module not found in sandboxed preload: ${id}`);
    };
    const module = { exports: {} };
    vm.runInNewContext(`(function (require, module, exports) {${code}\n})`, { console })(sandboxRequire, module, module.exports);

    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['kioskBridge']);
    const bridge = exposed.get('kioskBridge') as { invoke(c: string, p: unknown): Promise<unknown> };
    await bridge.invoke('kiosk:system.info', {});
    expect(invoked).toEqual([['kiosk:system.info', {}]]);
    await expect(bridge.invoke(EVENT_CHANNEL, {})).rejects.toThrow(/Unsupported IPC channel/);
  });

  it('the main bundle is an ES module importing only Node built-ins, Electron and runtime dependencies', () => {
    const code = fs.readFileSync(path.join(out, 'main', 'index.js'), 'utf8');
    const specifiers = [...code.matchAll(/^import\s[^'"]*?from\s+["']([^"']+)["']|^import\s+["']([^"']+)["']/gm)].map(
      (m) => m[1] ?? m[2],
    );
    expect(specifiers).toContain('electron');
    // What electron-builder ships in node_modules: package.json "dependencies" (never devDependencies).
    const dependencies = Object.keys((JSON.parse(fs.readFileSync('package.json', 'utf8')) as { dependencies: object }).dependencies);
    const allowed = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'electron']);
    const unexpected = specifiers.filter(
      (s) => s && !allowed.has(s) && !dependencies.some((d) => s === d || s.startsWith(`${d}/`)),
    );
    expect(unexpected).toEqual([]);
    // A CommonJS package bundled into the ES output would leave a `require` that fails at start.
    expect(code).not.toMatch(/\brequire\(/);
    // The window, IPC and protocol wiring made it into the bundle.
    expect(code).toContain('sandbox: true');
    expect(code).toContain('registerSchemesAsPrivileged');
  });
});
