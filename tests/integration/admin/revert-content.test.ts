import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setPin } from '../../../services/admin/pin';
import { buildSampleBundle, sampleVersion } from '../../../services/demo/sample-content';
import { createKioskServices, type KioskServices } from '../../../services/kiosk-services';
import { removeDataDir, testConfig, tmpDataDir } from '../../support/kiosk-config';

/**
 * The technician's 'revert content' recovery: a kiosk that took a newer bundle goes back to the content it
 * carries (the demo's sample), verified again like any bundle, and tells the technician which version is live.
 */
const PIN = '472915';
let dir: string;
let services: KioskServices;
const bundles: string[] = [];

const call = async <T>(method: string, input: unknown = {}): Promise<{ ok: true; value: T } | { ok: false; error: { code: string } }> =>
  (await services.dispatch(method, input, { via: 'http' })) as never;

beforeAll(async () => {
  dir = tmpDataDir('kiosk-revert');
  await setPin(dir, PIN);
  services = createKioskServices(testConfig({ KIOSK_DATA_DIR: dir, KIOSK_DEVICES: 'none' }));
  await services.start();
});
afterAll(async () => {
  await services.stop();
  removeDataDir(dir);
  for (const b of bundles) fs.rmSync(b, { recursive: true, force: true });
});

describe('revert content (technician recovery)', () => {
  it('goes back from a newer bundle to the content the kiosk carries, and says which version is live', async () => {
    const carried = sampleVersion();
    expect(services.health().contentVersion).toBe(carried);
    const newer = await buildSampleBundle(carried + 1);
    bundles.push(newer);
    // Imported with the technician token, as the operator's USB import does.
    const imported = await services.dispatch('content.importFromDirectory', { dir: newer }, { via: 'http', technician: true });
    expect(imported, JSON.stringify(imported)).toMatchObject({ ok: true, value: { version: carried + 1 } });
    expect(services.health().contentVersion).toBe(carried + 1);

    const login = await call<{ adminSession: string }>('admin.login', { pin: PIN });
    if (!login.ok) throw new Error('admin login refused');
    const reverted = await call<{ done: boolean; detail: string }>('admin.recover', { adminSession: login.value.adminSession, action: 'revert-content' });
    expect(reverted).toMatchObject({ ok: true, value: { action: 'revert-content', done: true, detail: `content version ${carried} installed` } });
    expect(services.health().contentVersion).toBe(carried);
    // The content answers again after the restart of its area.
    const found = await call<{ hits: unknown[] }>('content.search', { query: '营业执照' });
    expect(found.ok && found.value.hits.length).toBeGreaterThan(0);
  });
});
