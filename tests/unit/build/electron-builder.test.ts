import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import config, { NATIVE_PACKAGES } from '../../../build/electron-builder.config';
import { afterPack } from '../../../build/fuses';

/**
 * The Electron packaging configuration, checked without electron-builder or an Electron binary (neither
 * can be downloaded here): every native module the app ships is kept out of the asar, the native one
 * with a V8 ABI is rebuilt, the fuses hook runs, the targets are deb, AppImage and NSIS, and nothing
 * points at electron-updater.
 */
const root = path.resolve(import.meta.dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

/** The production dependency closure as npm laid it out (hoisted), optional platform packages included. */
function productionPackages(): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (name: string, from: string): void => {
    if (found.has(name)) return;
    let dir = from;
    for (;;) {
      const candidate = path.join(dir, 'node_modules', name);
      if (fs.existsSync(path.join(candidate, 'package.json'))) break;
      const up = path.dirname(dir);
      if (up === dir) return; // an optional package for another platform
      dir = up;
    }
    const at = path.join(dir, 'node_modules', name);
    found.set(name, at);
    const p = JSON.parse(fs.readFileSync(path.join(at, 'package.json'), 'utf8')) as { dependencies?: object; optionalDependencies?: object };
    for (const d of Object.keys({ ...p.dependencies, ...p.optionalDependencies })) visit(d, at);
  };
  for (const d of Object.keys(pkg.dependencies)) visit(d, root);
  return found;
}

const nativeFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.node') && !f.includes('node_modules'));

describe('electron-builder configuration', () => {
  it('keeps every native module the app ships out of the asar', () => {
    const natives = [...productionPackages()].filter(([, dir]) => nativeFiles(dir).length > 0).map(([name]) => name);
    // What this test knows to be native is what the configuration says is native.
    expect(natives.every((n) => NATIVE_PACKAGES.some((p) => n === p || n.startsWith(`${p}-`)))).toBe(true);
    expect(natives).toEqual(expect.arrayContaining(['better-sqlite3', '@serialport/bindings-cpp', '@node-rs/argon2-linux-x64-gnu']));
    for (const name of natives) {
      const file = `node_modules/${name}/${nativeFiles(productionPackages().get(name)!)[0]}`;
      const loader = `node_modules/${name}/package.json`;
      expect(config.asarUnpack.some((g) => path.matchesGlob(file, g)), file).toBe(true);
      // The whole package, not only the .node file: bindings/node-gyp-build look for files beside it.
      expect(config.asarUnpack.some((g) => path.matchesGlob(loader, g)), loader).toBe(true);
    }
    expect(config.asar).toBe(true);
    // better-sqlite3 uses V8's API directly: it must be rebuilt against Electron's headers.
    expect(config.npmRebuild).toBe(true);
  });

  it('flips the fuses after packing, and packs the app, not its sources or maps', () => {
    expect(config.afterPack).toBe(afterPack);
    expect(config.files).toEqual(['package.json', 'dist/electron/**', 'dist/renderer/**', '!**/*.map']);
  });

  it('builds deb and AppImage for Linux and an NSIS installer for Windows, with the icon and deployment files', () => {
    expect(config.linux.target).toEqual(['deb', 'AppImage']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.nsis.perMachine).toBe(true);
    // The A/B installer of signed updates reads a .deb's data.tar.gz (no xz in Node).
    expect(config.deb.compression).toBe('gz');
    const icon = PNG.sync.read(fs.readFileSync(path.join(root, config.win.icon)));
    expect([icon.width, icon.height]).toEqual([512, 512]);
    for (const r of config.extraResources) expect(fs.existsSync(path.join(root, r.from)), r.from).toBe(true);
  });

  it('never updates through electron-updater (its deb path installs with pkexec dpkg -i, unsigned)', () => {
    expect(config.publish).toBeNull();
    expect(Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })).not.toContain('electron-updater');
    const sources = ['electron', 'services', 'host'].flatMap((d) =>
      fs.readdirSync(path.join(root, d), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => path.join(root, d, f)),
    );
    expect(sources.filter((f) => fs.readFileSync(f, 'utf8').includes("from 'electron-updater'"))).toEqual([]);
  });
});
