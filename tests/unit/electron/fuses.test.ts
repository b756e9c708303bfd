import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterEach, describe, expect, it } from 'vitest';
import { afterPack, electronBinaryPath, kioskFuses } from '../../../build/fuses';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Fuse byte values in the wire ('1' / '0'). */
const ON = 0x31;
const OFF = 0x30;

/**
 * A stand-in Electron binary: the fuse wire as Electron lays it out (sentinel, version 1, length,
 * one byte per fuse) between filler bytes, with Electron's shipped defaults — including a ninth
 * fuse this version of @electron/fuses does not name.
 */
function fakeElectronBinary(file: string): void {
  const defaults = [ON, OFF, ON, ON, OFF, OFF, OFF, ON, ON];
  fs.writeFileSync(
    file,
    Buffer.concat([Buffer.alloc(4096, 0xaa), Buffer.from(SENTINEL), Buffer.from([1, defaults.length, ...defaults]), Buffer.alloc(4096, 0xbb)]),
  );
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('fuses', () => {
  it('configures the hardening fuses the product standards require', () => {
    expect(kioskFuses[FuseV1Options.RunAsNode]).toBe(false);
    expect(kioskFuses[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(kioskFuses[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(kioskFuses[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(kioskFuses[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(kioskFuses[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(kioskFuses[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
  });

  it('afterPack flips them in the packed Linux binary', async () => {
    const appOutDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-fuses-'));
    dirs.push(appOutDir);
    const binary = path.join(appOutDir, 'zhengwu-kiosk');
    fakeElectronBinary(binary);
    const sizeBefore = fs.statSync(binary).size;

    await afterPack({
      appOutDir,
      electronPlatformName: 'linux',
      packager: { executableName: 'zhengwu-kiosk', appInfo: { productFilename: 'zhengwu-kiosk' } },
    });

    const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
    expect(wire[FuseV1Options.RunAsNode]).toBe(OFF);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ON);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(OFF);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(OFF);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ON);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ON);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(OFF);
    // The fuse this library does not know keeps Electron's default; nothing else in the file moves.
    expect(wire[8]).toBe(ON);
    expect(fs.statSync(binary).size).toBe(sizeBefore);
  });

  it('finds the binary where electron-builder puts it on each platform', () => {
    const packager = { executableName: 'zhengwu-kiosk', appInfo: { productFilename: 'Zhengwu Kiosk' } };
    expect(electronBinaryPath({ appOutDir: '/out', electronPlatformName: 'linux', packager })).toBe('/out/zhengwu-kiosk');
    expect(electronBinaryPath({ appOutDir: '/out', electronPlatformName: 'win32', packager })).toBe('/out/Zhengwu Kiosk.exe');
    expect(electronBinaryPath({ appOutDir: '/out', electronPlatformName: 'darwin', packager })).toBe('/out/Zhengwu Kiosk.app');
  });

  it('fails packaging loudly when the binary has no fuse wire', async () => {
    const appOutDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-fuses-'));
    dirs.push(appOutDir);
    fs.writeFileSync(path.join(appOutDir, 'zhengwu-kiosk'), Buffer.alloc(1024));
    await expect(
      afterPack({
        appOutDir,
        electronPlatformName: 'linux',
        packager: { executableName: 'zhengwu-kiosk', appInfo: { productFilename: 'zhengwu-kiosk' } },
      }),
    ).rejects.toThrow(/sentinel/);
  });
});
