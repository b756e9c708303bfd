import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentApi } from '../../../contract/api/content';
import type { KioskEvent } from '../../../contract';
import { EventBus } from '../../../services/bridge/event-bus';
import { readOperatorKey } from '../../../content-bundle/bundle/keys';
import { createContentArea, contentMigrations } from '../../../services/content/area';
import { samplePaths } from '../../../services/config';
import { buildSampleBundle, sampleVersion } from '../../../services/demo/sample-content';
import { testAreaDeps, testConfig } from '../../support/kiosk-config';
import { silentLogger } from '../../../services/log/logger';
import { coreMigrations } from '../../../services/store/core-migrations';
import { openStore } from '../../../services/store/database';
import { createContentServer } from '../../../operator/content-server';
import { publishToRepository } from '../../../content-bundle/bundle/repository';
import { makeBundle, tmp } from './fixtures';

/** The embedded sample's version; bundles in these tests are numbered after it. */
const SAMPLE = sampleVersion();

const sampleKeys = fs.readdirSync(samplePaths.keysDir).filter((f) => f.endsWith('.key.json')).sort().map((f) => readOperatorKey(path.join(samplePaths.keysDir, f)));
const sampleRoot = JSON.parse(fs.readFileSync(samplePaths.root, 'utf8')) as Record<string, unknown>;
const serverDir = tmp('server');
const server = createContentServer(serverDir);
let url = '';
const dataDir = tmp('area');
const db = openStore(dataDir, [...coreMigrations, ...contentMigrations]);
const bus = new EventBus();
const events: KioskEvent[] = [];
bus.subscribe((e) => events.push(e));

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => {
  server.close();
  db.close();
});

const area = () =>
  createContentArea(
    testAreaDeps({ config: testConfig({ KIOSK_DATA_DIR: dataDir, KIOSK_CONTENT_URL: url, KIOSK_CONTENT_POLL_SECONDS: '3600' }), db, log: silentLogger(), bus }),
    { sample: { version: sampleVersion, build: buildSampleBundle } },
  );

const call = async <M extends keyof typeof contentApi>(a: ReturnType<typeof area>, m: M, input: unknown) => {
  const handler = a.handlers[m] as (i: unknown, c: { via: 'test' }) => Promise<unknown> | unknown;
  const r = (await handler(contentApi[m].input.parse(input), { via: 'test' })) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  if (r.ok) contentApi[m].output.parse(r.value); // the answer honours the contract
  return r;
};

describe('content area', () => {
  it('installs the embedded sample through the signed-bundle path on first start and serves it', async () => {
    const a = area();
    await a.start?.();
    expect(a.health?.()).toMatchObject({ contentVersion: SAMPLE });
    const status = (await call(a, 'content.status', {})) as { value: { installedVersion: number; sample: boolean; lastAttempt: { source: string } } };
    expect(status.value).toMatchObject({ installedVersion: SAMPLE, sample: true, lastAttempt: { source: 'embedded-sample', outcome: 'applied' } });
    const hits = (await call(a, 'content.search', { query: '社保' })) as { value: { hits: { code: string }[] } };
    expect(hits.value.hits.map((h) => h.code)).toContain('NH-SI-1001');
    const item = (await call(a, 'content.item', { code: 'NH-AMR-0301' })) as { value: { item: { guide: { timeLimits: { promised: { value: number } } } } } };
    expect(item.value.item.guide.timeLimits.promised.value).toBe(5);
    expect((await call(a, 'content.item', { code: 'NOPE-0000' })).error?.code).toBe('not-found');
    const cat = (await call(a, 'content.catalogue', {})) as { value: { counts: { items: number }; packages: unknown[] } };
    expect(cat.value.counts.items).toBe(36);
    expect((await call(a, 'content.flow', { id: 'flow_food_licence' })).ok).toBe(true);
    expect((await call(a, 'content.form', { id: 'f_company_setup' })).ok).toBe(true);
    expect((await call(a, 'content.package', { id: 'pkg_start_business' })).ok).toBe(true);
    const points = (await call(a, 'content.servicePoints', { itemCode: 'NH-HOU-0501' })) as { value: { points: { id: string }[] } };
    expect(points.value.points.map((p) => p.id).sort()).toEqual(['sp_hitech_zone', 'sp_nanhai_district']);
    // What the fleet area reports ratings under: the item's department as the content names it.
    expect(a.port.departmentOf('NH-AMR-0101')).toEqual({ id: 'amr', name: '佛山市南海区市场监督管理局' });
    expect(a.port.departmentOf('NOPE-0000')).toBeNull();
    await a.stop?.();
  });

  it('after a kiosk upgrade, content packed in a format this build cannot read is left unread and the newer sample takes over', async () => {
    const upgradeDir = tmp('upgrade');
    const upgradeDb = openStore(upgradeDir, [...coreMigrations, ...contentMigrations]);
    // What an older build left: version SAMPLE - 1, packed in the previous database format.
    fs.mkdirSync(path.join(upgradeDir, 'content'), { recursive: true });
    const old = new BetterSqlite3(path.join(upgradeDir, 'content', 'v-old.db'));
    old.exec("CREATE TABLE bundle_info (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO bundle_info VALUES ('format', 'kiosk.content-db/1')");
    old.close();
    upgradeDb.prepare('UPDATE content_state SET current_version = ?, current_file = ? WHERE id = 1').run(SAMPLE - 1, 'v-old.db');
    const a = createContentArea(testAreaDeps({ config: testConfig({ KIOSK_DATA_DIR: upgradeDir }), db: upgradeDb, bus }), {
      sample: { version: sampleVersion, build: buildSampleBundle },
    });
    await a.start?.();
    expect(a.health?.()).toMatchObject({ contentVersion: SAMPLE });
    const hits = (await call(a, 'content.search', { query: '社保' })) as { value: { hits: { code: string }[] } };
    expect(hits.value.hits.map((h) => h.code)).toContain('NH-SI-1001');
    await a.stop?.();
    upgradeDb.close();
  });

  it('matches policies against an enterprise profile, marking 免申即享', async () => {
    const a = area();
    await a.start?.();
    const profile = {
      creditCode: '91440605MA4UXXXX1X', name: '佛山市南海区示例科技有限公司', legalRepresentative: '张三', registeredAddress: '佛山市南海区桂城街道',
      district: '南海区', city: '佛山市', industry: { section: 'C', code: '3360', name: '金属表面处理及热处理加工' }, size: 'small',
      registeredCapitalWan: 500, employees: 60, registrationDate: '2023-03-01', standing: 'normal', entityType: '有限责任公司',
      tags: ['高新技术企业', '小型微利企业'], licences: [],
    };
    const r = (await call(a, 'content.policies', { profile })) as { value: { policies: { policy: { id: string }; matched: boolean; noApplication: boolean; reasons: { passed: boolean }[] }[] } };
    const by = new Map(r.value.policies.map((p) => [p.policy.id, p]));
    expect(by.get('pol_nanhai_hte_award')?.matched).toBe(true);
    expect(by.get('pol_job_retention_refund')).toMatchObject({ matched: true, noApplication: true });
    expect(by.get('pol_export_insurance')?.matched).toBe(false);
    expect(by.get('pol_small_vat')?.matched).toBe(false);
    const all = (await call(a, 'content.policies', {})) as { value: { policies: { matched: null }[] } };
    expect(all.value.policies.every((p) => p.matched === null)).toBe(true);
    await a.stop?.();
  });

  it('a technician import of a tampered bundle is refused, reported, and the content kept', async () => {
    const a = area();
    await a.start?.();
    const dir = await makeBundle(path.join(tmp('usb'), 'bundle'), { version: SAMPLE + 1, signers: sampleKeys.slice(0, 2), roots: [sampleRoot] });
    fs.appendFileSync(path.join(dir, 'targets', 'content.db'), 'x');
    const r = await call(a, 'content.importFromDirectory', { dir });
    expect(r.error?.code).toBe('rejected');
    expect(events).toContainEqual(expect.objectContaining({ type: 'content.rejected', reason: 'hash' }));
    expect(a.health?.()).toMatchObject({ contentVersion: SAMPLE });
    const status = (await call(a, 'content.status', {})) as { value: { lastAttempt: { outcome: string; reason: string } } };
    expect(status.value.lastAttempt).toMatchObject({ outcome: 'rejected', reason: 'hash' });
    await a.stop?.();
  });

  it('picks up content published to the repository the kiosk polls', async () => {
    const bundle = await makeBundle(path.join(tmp('pub'), 'bundle'), { version: SAMPLE + 2, signers: sampleKeys.slice(1, 3), roots: [sampleRoot] });
    await publishToRepository(serverDir, { kind: 'content', file: path.join(bundle, 'targets', 'content.db'), version: SAMPLE + 2 }, {
      signers: sampleKeys.slice(0, 2),
      roots: [sampleRoot],
      expires: new Date(Date.now() + 30 * 86_400_000),
      timestampExpires: new Date(Date.now() + 86_400_000),
    });
    const a = area();
    const updated = new Promise<void>((resolve) => bus.subscribe((e) => { if (e.type === 'content.updated' && e.version === SAMPLE + 2) resolve(); }));
    await a.start?.();
    await updated;
    expect(a.health?.()).toMatchObject({ contentVersion: SAMPLE + 2, content: { state: 'fresh', servable: true } });
    const status = (await call(a, 'content.status', {})) as { value: { installedVersion: number; previousVersion: number } };
    expect(status.value).toMatchObject({ installedVersion: SAMPLE + 2, previousVersion: SAMPLE });
    await a.stop?.();
  });
});
