import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, samplePaths } from '../../../services/config';
import { startKiosk, type KioskProcess } from '../../e2e/support/kiosk-process';
import { removeDataDir, tmpDataDir } from '../../support/kiosk-config';

/** Processes started by a process (its children), as `ps` lists them. */
const childrenOf = (pid: number): string[] => {
  try {
    return execFileSync('ps', ['-o', 'args=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return [];
  }
};

const reasonCodes = (env: Record<string, string>): string[] => loadConfig(env).notReady.map((r) => r.code);

describe('profiles: the demo asks for its simulators, production fails closed', () => {
  let kiosk: KioskProcess | null = null;
  afterEach(async () => {
    await kiosk?.stop();
    if (kiosk) removeDataDir(kiosk.dataDir);
    kiosk = null;
  });

  it('production with nothing configured prints "Kiosk not ready at", starts no simulator, and says why on /healthz', async () => {
    kiosk = await startKiosk({ KIOSK_PROFILE: 'production' }, tmpDataDir('kiosk-production'));
    expect(kiosk.ready).toBe(false);
    expect(kiosk.output()).toMatch(/Kiosk not ready at http:\/\/127\.0\.0\.1:\d+: .*KIOSK_PLATFORM_URL/);
    const health = (await (await fetch(`${kiosk.url}/healthz`)).json()) as { ready: boolean; profile: string; reasons: { code: string }[]; devices: { state: string }[] };
    expect(health).toMatchObject({ ready: false, profile: 'production' });
    expect(health.reasons.map((r) => r.code).sort()).toEqual(
      ['content-not-installed', 'devices-not-configured', 'outbox-key-missing', 'platform-url-missing', 'trusted-root-missing'].sort(),
    );
    expect(health.devices.every((d) => d.state === 'absent')).toBe(true);
    expect(fs.existsSync(path.join(kiosk.dataDir, 'simulators.json'))).toBe(false);
    expect(fs.existsSync(path.join(kiosk.dataDir, 'content', 'current'))).toBe(false);
    // The host is the only program: no device simulator, no platform simulator.
    expect(childrenOf(kiosk.pid)).toEqual([]);
  });

  it('production refuses the sample root and simulated devices, and accepts a root of its own', () => {
    const dataDir = tmpDataDir('kiosk-cfg');
    try {
      const sample = reasonCodes({ KIOSK_PROFILE: 'production', KIOSK_DATA_DIR: dataDir, KIOSK_TRUSTED_ROOT: samplePaths.root, KIOSK_DEVICES: 'simulated' });
      expect(sample).toEqual(expect.arrayContaining(['trusted-root-is-sample', 'devices-simulated']));
      const ownRoot = path.join(dataDir, '..', `${path.basename(dataDir)}-root.json`);
      const root = JSON.parse(fs.readFileSync(samplePaths.root, 'utf8')) as { signed: { keys: Record<string, unknown> } };
      root.signed.keys = { ['ab'.repeat(32)]: Object.values(root.signed.keys)[0] };
      fs.writeFileSync(ownRoot, JSON.stringify(root));
      const configured = loadConfig({
        KIOSK_PROFILE: 'production',
        KIOSK_DATA_DIR: dataDir,
        KIOSK_TRUSTED_ROOT: ownRoot,
        KIOSK_PLATFORM_URL: 'https://platform.example.gov.cn',
        KIOSK_KEY_FILE: path.join(path.dirname(dataDir), `${path.basename(dataDir)}-key`, 'outbox.key'),
      });
      expect(configured.notReady).toEqual([]);
      expect(configured.content.installSample).toBe(false);
      expect(configured.devices.mode).toBe('configured');
      fs.rmSync(ownRoot);
      expect(reasonCodes({ KIOSK_PROFILE: 'production', KIOSK_DATA_DIR: dataDir, KIOSK_KEY_FILE: path.join(dataDir, 'k') })).toContain('outbox-key-in-data-dir');
    } finally {
      removeDataDir(dataDir);
    }
  });

  it('a malformed setting stops the kiosk with the variable named, instead of running on a guess', () => {
    expect(() => loadConfig({ KIOSK_PORT: 'eighty' })).toThrow(/KIOSK_PORT/);
    expect(() => loadConfig({ KIOSK_PLATFORM_URL: 'ftp://x' })).toThrow(/KIOSK_PLATFORM_URL/);
    expect(() => loadConfig({ KIOSK_OUTBOX_KEY: 'short' })).toThrow(/KIOSK_OUTBOX_KEY/);
  });

  it('the demo profile runs its simulators and sample content and says it is a demo', async () => {
    kiosk = await startKiosk({}, tmpDataDir('kiosk-demo'));
    expect(kiosk.ready).toBe(true);
    const health = (await (await fetch(`${kiosk.url}/healthz`)).json()) as { ready: boolean; profile: string; contentVersion: number | null };
    expect(health).toMatchObject({ ready: true, profile: 'demo' });
    expect(health.contentVersion).not.toBeNull();
    expect(fs.existsSync(path.join(kiosk.dataDir, 'simulators.json'))).toBe(true);
    const children = childrenOf(kiosk.pid).join('\n');
    expect(children).toContain('platform-sim');
    expect(children.match(/device-sim/g)?.length).toBe(4);
  });
});
