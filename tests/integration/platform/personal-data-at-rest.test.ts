import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKioskServices, type KioskServices } from '../../../services/kiosk-services';
import { FileKeyProvider } from '../../../services/platform/keys';
import { presentCard } from '../../support/card-reader';
import { demoKeyDir, removeDataDir, testConfig, tmpDataDir } from '../../support/kiosk-config';
import { until } from './outbox-harness';

/**
 * Personal data at rest: sealed in the outbox only until delivered, with a key that is not in the
 * data directory, and after delivery and the end of the session not recoverable from any file the
 * kiosk wrote (database, write-ahead log, logs), sealed or plain.
 */
const holder = { name: '黄测试', idNumber: '440605199003071232', address: '广东省佛山市南海区桂城街道南海大道北88号' };
const typedMobile = '13912345678';
/** A captured page (高拍仪): a JPEG whose body is a marker nobody else writes, so any copy of it can be found. */
const pageMarker = Buffer.from('PAGE-OF-A-PERSONS-PAPERS-7f3c9a');
const pageJpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), ...Array.from({ length: 400 }, () => pageMarker)]);
const dataDir = tmpDataDir('kiosk-at-rest');
let services: KioskServices;
const call = async (method: string, input: unknown): Promise<any> => services.dispatch(method, input, { via: 'test' });
const platform = (method: string, p: string, body?: unknown) =>
  fetch(services.health().platform.url! + p, { method, headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });

/** Regular files only: the simulators' PTY links would block a read. */
const filesUnder = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.isFile() ? [path.join(dir, e.name)] : []));

beforeAll(async () => {
  services = createKioskServices(testConfig({ KIOSK_DATA_DIR: dataDir, KIOSK_DEVICES: 'simulated', KIOSK_DEVICES_FAST: '1' }), {
    platformTiming: { sender: { baseDelayMs: 50, maxDelayMs: 200, pollMs: 50 }, probeMs: 100 },
  });
  await services.start();
  await until(() => services.health().platform.reachable === true && services.health().contentVersion !== null);
}, 120_000);
afterAll(async () => {
  await services?.stop();
  removeDataDir(dataDir);
});

describe('personal data at rest', () => {
  it('after a delivered filing and the end of the session, no sealed or plain copy is left in the data directory', async () => {
    await presentCard(services, dataDir, 'valid');
    await call('session.identify', { creditCode: '91440605MA51C7QX76', role: 'legal_rep' });
    // The platform is down: the writes wait in the outbox, sealed.
    await platform('POST', '/_control/faults', { mode: 'down' });
    const page = await call('capture.addPage', { itemCode: 'NH-AMR-0201', materialId: 'm_resolution', jpegBase64: pageJpeg.toString('base64'), width: 800, height: 1131 });
    expect(page.ok).toBe(true);
    const app = await call('platform.submitApplication', { itemCode: 'NH-AMR-0201', formData: { agentPhone: typedMobile }, waitMs: 0 });
    const help = await call('platform.requestHelp', { topic: 'how-to-apply', message: '不会填写', contactMobile: typedMobile, waitMs: 0 });
    expect([app.value.status, help.value.status]).toEqual(['queued', 'queued']);
    const sealed = (services.db.prepare('SELECT payload FROM platform_outbox WHERE payload IS NOT NULL').all() as { payload: Buffer }[]).map((r) => r.payload);
    expect(sealed.length).toBe(2);
    for (const s of sealed) expect(s.includes(Buffer.from(holder.idNumber))).toBe(false);
    for (const s of sealed) expect(s.includes(pageMarker) || s.includes(Buffer.from(pageJpeg.toString('base64').slice(8, 60)))).toBe(false);

    await platform('DELETE', '/_control/faults');
    await until(() => services.health().outboxDepth === 0, 30_000);
    // The page reached the platform with the filing.
    const records = (await (await platform('GET', '/_control/records')).json()) as { applications: Array<{ request: { pages: Array<{ materialId: string; bytes: number }> } }> };
    expect(records.applications.at(-1)!.request.pages).toMatchObject([{ materialId: 'm_resolution', bytes: pageJpeg.length }]);
    expect((await call('session.end', { reason: 'completed' })).value).toMatchObject({ hadSession: true });

    const files = filesUnder(dataDir);
    expect(files.some((f) => f.endsWith('kiosk.db-wal'))).toBe(true);
    for (const f of files) {
      const bytes = fs.readFileSync(f);
      const where = path.relative(dataDir, f);
      for (const s of sealed) {
        // IV and tag (28 bytes) identify a sealed payload; a stretch of its ciphertext too.
        expect(bytes.includes(s.subarray(1, 29)), `a sealed payload's header in ${where}`).toBe(false);
        expect(bytes.includes(s.subarray(29, 61)), `a sealed payload's ciphertext in ${where}`).toBe(false);
      }
      expect(bytes.includes(pageMarker) || bytes.includes(Buffer.from(pageJpeg.toString('base64').slice(8, 60))), `a captured page in ${where}`).toBe(false);
      for (const secret of [holder.name, holder.idNumber, holder.address, typedMobile]) {
        expect(bytes.includes(Buffer.from(secret)), `${secret} in ${where}`).toBe(false);
      }
    }
    // The key that opened them was never in the data directory.
    expect(files.filter((f) => /outbox\.key/.test(f))).toEqual([]);
    expect(fs.statSync(path.join(demoKeyDir(dataDir), 'outbox.key')).mode & 0o777).toBe(0o600);
  });

  it('a kiosk upgraded from the layout that kept the key beside the outbox has it moved out and the old copy destroyed', () => {
    const dir = tmpDataDir('kiosk-key-move');
    try {
      const legacy = path.join(dir, 'platform', 'outbox.key');
      fs.mkdirSync(path.dirname(legacy), { recursive: true });
      const old = Buffer.alloc(32, 7);
      fs.writeFileSync(legacy, old, { mode: 0o600 });
      const key = new FileKeyProvider(path.join(demoKeyDir(dir), 'outbox.key'), legacy).outboxKey();
      expect(key.equals(old)).toBe(true);
      expect(fs.existsSync(legacy)).toBe(false);
      expect(fs.readFileSync(path.join(demoKeyDir(dir), 'outbox.key')).equals(old)).toBe(true);
    } finally {
      removeDataDir(dir);
    }
  });
});
