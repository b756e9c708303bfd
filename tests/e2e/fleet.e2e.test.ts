import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningConsole } from '../../console/server/app';
import { ShiftedClock } from '../../console/server/clock';
import { readOperatorKey } from '../../content-bundle/bundle/keys';
import { publishToRepository } from '../../content-bundle/bundle/repository';
import { createContentServer } from '../../operator/content-server';
import { samplePaths } from '../../services/config';
import { buildSampleBundle, sampleVersion } from '../../services/demo/sample-content';
import { FLEET_DATABASES } from '../support/fleet-databases';
import { ADMIN_PASSWORD, Operator, startTestConsole } from '../support/fleet-console';
import { kioskApi, startKiosk, type KioskProcess } from './support/kiosk-process';
import { insertCard, readSimulators, removeCard, setPrinter, waitUntil } from './support/simulators';

/**
 * Real kiosks (the compiled host with its simulators, as `npm run kiosk` runs it) and the console: they
 * enrol, are approved, beat, show green; a printer out of paper raises an alert and a webhook call; a
 * bundle reaches the pilot kiosk first and the next ring once the pilot runs it healthy, and a kiosk in a
 * session takes it only after the session; a viewer cannot publish; a revoked kiosk is refused; stopped
 * kiosks go offline and commands expire. The console's clock is real time, moved ahead only for the
 * deadlines at the end. On PGlite and on the PostgreSQL server.
 */
const TOKEN = 'fleet-e2e-technician-token';
const V = sampleVersion();
const keys = fs.readdirSync(samplePaths.keysDir).filter((f) => f.endsWith('.key.json')).sort().slice(0, 2).map((f) => readOperatorKey(path.join(samplePaths.keysDir, f)));
const sampleRoot = JSON.parse(fs.readFileSync(samplePaths.root, 'utf8')) as Record<string, unknown>;
let bundle = '';

// One packed sample serves as every version: what the kiosks report is the signed version they installed.
const publish = (repo: string, version: number) =>
  publishToRepository(repo, { kind: 'content', file: path.join(bundle, 'targets', 'content.db'), version }, {
    signers: keys,
    roots: [sampleRoot],
    expires: new Date(Date.now() + 30 * 86_400_000),
    timestampExpires: new Date(Date.now() + 7 * 86_400_000),
  });

/** The technician's view of the kiosk's fleet link (the pairing code is here and in the log). */
const fleetStatus = async (k: KioskProcess): Promise<{ state: string; pairingCode: string | null; offers: { content: number | null } }> => {
  const res = await fetch(`${k.url}/api/fleet.status`, { method: 'POST', headers: { origin: k.url, 'content-type': 'application/json', 'x-kiosk-technician': TOKEN }, body: '{}' });
  const body = (await res.json()) as { ok: boolean; value: { state: string; pairingCode: string | null; offers: { content: number | null } } };
  if (!body.ok) throw new Error(JSON.stringify(body));
  return body.value;
};

beforeAll(async () => {
  bundle = await buildSampleBundle(V);
});

describe.each(FLEET_DATABASES)('kiosks and the fleet console on $name', (database) => {
  const clock = new ShiftedClock();
  const hookCalls: Array<{ event: string; alert: { kind: string }; kiosk: { id: string } }> = [];
  const hook = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      hookCalls.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-e2e-repo-'));
  const mirror = createContentServer(repo);
  let c: RunningConsole;
  let drop: () => Promise<void> = async () => undefined;
  let admin: Operator;
  let pilot: KioskProcess;
  let main: KioskProcess;

  beforeAll(async () => {
    if (!database.available) return;
    await Promise.all([new Promise<void>((r) => hook.listen(0, '127.0.0.1', r)), new Promise<void>((r) => mirror.listen(0, '127.0.0.1', r))]);
    await publish(repo, V);
    const opened = await database.open();
    drop = opened.drop;
    c = await startTestConsole(opened.db, { clock, beatSeconds: 2, sweeper: true, webhookUrl: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook` });
    admin = await Operator.signIn(c.url, 'admin', ADMIN_PASSWORD);
    for (const [id, name] of [['pilot', '南海区政务服务中心'], ['main', '桂城街道行政服务中心']]) {
      await admin.call('PUT', `/api/halls/${id}`, { id, name, opening: { schedule: 'daily', open: '00:00', close: '24:00' } });
    }
    const env = (id: string) => ({
      KIOSK_ID: id,
      KIOSK_FLEET_URL: c.url,
      KIOSK_TECHNICIAN_TOKEN: TOKEN,
      KIOSK_CONTENT_URL: `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/`,
      KIOSK_CONTENT_POLL_SECONDS: '3600',
      KIOSK_IDLE_SECONDS: '600',
      KIOSK_DEVICES_FAST: '1',
    });
    [pilot, main] = await Promise.all([startKiosk(env('e2e-pilot')), startKiosk(env('e2e-main'))]);
  });
  afterAll(async () => {
    await Promise.all([pilot?.stop(), main?.stop()]);
    await c?.close();
    await drop();
    hook.close();
    mirror.close();
  });

  const kiosk = async (id: string) => (await admin.get(`/api/kiosks/${id}`)).body;

  it.skipIf(!database.available)('enrols kiosks by the pairing codes they show, and lists them green once they beat', async () => {
    const codes = await Promise.all(
      [pilot, main].map((k) => waitUntil(async () => { const s = await fleetStatus(k); return s.state === 'pending' && s.pairingCode; }, 30_000, 'kiosk waiting for approval')),
    );
    // The code is in the kiosk's log too, for a technician without the admin screen.
    expect(fs.readFileSync(path.join(pilot.dataDir, 'logs', 'kiosk.log'), 'utf8')).toContain(codes[0]);
    expect((await admin.post('/api/enrolments/approve', { pairingCode: codes[0], hallId: 'pilot', label: '试点一号' })).status).toBe(200);
    expect((await admin.post('/api/enrolments/approve', { pairingCode: codes[1], hallId: 'main', label: '大厅二号' })).status).toBe(200);
    await expect.poll(async () => (await admin.get('/api/kiosks')).body.kiosks.map((k: { id: string; health: string }) => `${k.id}:${k.health}`).sort(), { timeout: 30_000 }).toEqual([
      'e2e-main:green',
      'e2e-pilot:green',
    ]);
    expect(await kiosk('e2e-pilot')).toMatchObject({ contentVersion: V, hall: { id: 'pilot' }, devices: expect.arrayContaining([expect.objectContaining({ role: 'printer', state: 'ready' })]) });
    expect((await fleetStatus(pilot)).state).toBe('approved');
  });

  it.skipIf(!database.available)('raises an alert and calls the webhook when a kiosk\'s printer runs out of paper, and clears it when paper is back', async () => {
    const sims = await readSimulators(pilot.dataDir);
    await setPrinter(sims, 'paper-out');
    await expect.poll(async () => (await kiosk('e2e-pilot')).problems, { timeout: 30_000 }).toEqual(['paper-out']);
    expect((await kiosk('e2e-pilot')).health).toBe('red');
    await expect.poll(() => hookCalls.map((h) => `${h.event}:${h.alert.kind}:${h.kiosk.id}`), { timeout: 30_000 }).toContain('raised:paper-out:e2e-pilot');
    await setPrinter(sims, 'paper-back');
    await expect.poll(async () => (await kiosk('e2e-pilot')).health, { timeout: 30_000 }).toBe('green');
    expect((await admin.get('/api/alerts?kiosk=e2e-pilot')).body.alerts).toEqual([]);
  });

  it.skipIf(!database.available)('takes a bundle to the pilot kiosk first, then to the next ring once the pilot runs it healthy; a kiosk in a session switches only after it', async () => {
    // Someone is using the main-hall kiosk.
    const sims = await readSimulators(main.dataDir);
    await insertCard(sims, 'valid');
    await expect.poll(async () => (await kiosk('e2e-main')).sessionInProgress, { timeout: 30_000 }).toBe(true);

    const created = await admin.post('/api/rollouts', { kind: 'content', version: String(V + 1), rings: [{ name: 'pilot', halls: ['pilot'] }, { name: 'all', all: true }], advanceShare: 1 });
    expect((await admin.post(`/api/rollouts/${created.body.id}/start`)).status).toBe(200);
    // Published on the mirror only now: a kiosk that is not offered it does not take it.
    await publish(repo, V + 1);
    await expect.poll(async () => (await kiosk('e2e-pilot')).contentVersion, { timeout: 60_000 }).toBe(V + 1);
    const rollout = async () => (await admin.get(`/api/rollouts/${created.body.id}/kiosks`)).body.kiosks as Array<{ kioskId: string; offeredAt: string; pickedUpAt: string | null; state: string }>;
    await expect.poll(async () => (await rollout()).map((k) => k.kioskId).sort(), { timeout: 30_000 }).toEqual(['e2e-main', 'e2e-pilot']);
    const [p, m] = [(await rollout()).find((k) => k.kioskId === 'e2e-pilot')!, (await rollout()).find((k) => k.kioskId === 'e2e-main')!];
    // The main hall was offered the version only after the pilot had picked it up.
    expect(Date.parse(m.offeredAt)).toBeGreaterThanOrEqual(Date.parse(p.pickedUpAt!));

    // Offered, verified, and held back while the person is there.
    await waitUntil(() => fs.readFileSync(path.join(main.dataDir, 'logs', 'kiosk.log'), 'utf8').includes('content update waits for the end of the session'), 60_000, 'the main kiosk holding the update back');
    expect(await kiosk('e2e-main')).toMatchObject({ contentVersion: V, sessionInProgress: true });
    await removeCard(sims);
    await kioskApi(main, 'session.end', { reason: 'logout' });
    await expect.poll(async () => (await kiosk('e2e-main')).contentVersion, { timeout: 60_000 }).toBe(V + 1);
    await expect.poll(async () => (await admin.get(`/api/rollouts/${created.body.id}`)).body.state, { timeout: 30_000 }).toBe('completed');
    expect((await rollout()).every((k) => k.state === 'healthy' && k.pickedUpAt !== null)).toBe(true);
  });

  it.skipIf(!database.available)('does not let a viewer publish', async () => {
    const viewer = await admin.create('e2e-viewer', 'viewer');
    const draft = await admin.post('/api/rollouts', { kind: 'content', version: String(V + 2), rings: [{ name: 'all', all: true }] });
    expect((await viewer.post('/api/rollouts', { kind: 'content', version: String(V + 3), rings: [{ name: 'all', all: true }] })).status).toBe(403);
    expect((await viewer.post(`/api/rollouts/${draft.body.id}/start`)).status).toBe(403);
    expect((await admin.get(`/api/rollouts/${draft.body.id}`)).body.state).toBe('draft');
  });

  it.skipIf(!database.available)('brings diagnostics back from a kiosk as a command\'s result', async () => {
    const issued = await admin.post('/api/kiosks/e2e-main/commands', { kind: 'upload-diagnostics' });
    await expect.poll(async () => (await admin.get('/api/kiosks/e2e-main/commands')).body.commands.find((x: { id: string }) => x.id === issued.body.id)?.state, { timeout: 30_000 }).toBe('done');
    const res = await admin.download(`/api/commands/${issued.body.id}/attachment`);
    const diagnostics = (await res.json()) as { health: { app: string }; fleet: { state: string }; logTail: string[] };
    expect(diagnostics.health.app).toBe('zhengwu-kiosk');
    expect(diagnostics.fleet.state).toBe('approved');
    expect(diagnostics.logTail.some((l) => l.includes('fleet: command received'))).toBe(true);
  });

  it.skipIf(!database.available)('refuses the heartbeats of a revoked kiosk', async () => {
    expect((await admin.post('/api/kiosks/e2e-pilot/revoke')).status).toBe(200);
    await expect.poll(async () => (await fleetStatus(pilot)).state, { timeout: 30_000 }).toBe('revoked');
    expect((await kiosk('e2e-pilot')).refusedBeats).toBeGreaterThanOrEqual(1);
    expect((await kiosk('e2e-pilot')).status).toBe('revoked');
  });

  it.skipIf(!database.available)('shows stopped kiosks offline after three missed beats, and expires commands nobody fetched', async () => {
    const pending = await admin.post('/api/kiosks/e2e-main/commands', { kind: 'check-content' });
    await main.stop();
    // The kiosk may have fetched it just before it stopped; a second one it certainly never sees.
    const never = await admin.post('/api/kiosks/e2e-main/commands', { kind: 'restart-renderer' });
    clock.advance(3 * 2 * 1100 + 6_000);
    await c.sweep();
    expect(await kiosk('e2e-main')).toMatchObject({ health: 'red', problems: ['offline'] });
    clock.advance(10 * 60_000);
    admin = await Operator.signIn(c.url, 'admin', ADMIN_PASSWORD);
    await c.sweep();
    const states = (await admin.get('/api/kiosks/e2e-main/commands')).body.commands.map((x: { id: string; state: string }) => [x.id, x.state]);
    expect(Object.fromEntries(states)[never.body.id]).toBe('expired');
    expect(['expired', 'done']).toContain(Object.fromEntries(states)[pending.body.id]);
  });
});
