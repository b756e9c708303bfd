import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { readOperatorKey } from '../../../content-bundle/bundle/keys';
import { publishToRepository } from '../../../content-bundle/bundle/repository';
import { compareAppVersions } from '../../../content-bundle/channel/targets';
import { AbSlots, DEB_APP_PREFIX, type SlotName } from '../../../services/admin/app-update/ab-slots';
import { channelAppSource } from '../../../services/admin/app-update/channel-source';
import { AppUpdates, type AppSource, type AppTarget } from '../../../services/admin/app-update/machine';
import { tar, tarGzip, type TarFile } from '../../../services/admin/tar';
import { samplePaths } from '../../../services/config';
import { silentLogger } from '../../../services/log/logger';

/**
 * Signed app updates with rollback, as a state machine over real folders: verify (the channel's
 * download) → stage into the spare slot → switch only while nobody is at the kiosk → the new build's
 * start-up self-check → commit, or roll back (a failed check, or a build that cannot start at all).
 */
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const tmp = (p: string): string => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `kiosk-${p}-`));
  dirs.push(d);
  return d;
};

const appTree = (version: string, name = 'zhengwu-kiosk'): TarFile[] => [
  { name: 'package.json', data: Buffer.from(JSON.stringify({ name, version })) },
  { name: 'dist/node/host.mjs', data: Buffer.from(`console.log('kiosk ${version}')`) },
];
const tarball = (files: TarFile[]): Buffer => tarGzip(files);
/** A .deb as dpkg-deb lays it out: ar with debian-binary, control, and the app under ./usr/lib/zhengwu-kiosk/. */
function deb(files: TarFile[]): Buffer {
  const member = (name: string, data: Buffer): Buffer => {
    const h = Buffer.alloc(60, 0x20);
    h.write(name, 0, 'latin1');
    h.write('0', 16, 'latin1');
    h.write('0', 28, 'latin1');
    h.write('0', 34, 'latin1');
    h.write('100644', 40, 'latin1');
    h.write(String(data.length), 48, 'latin1');
    h.write('`\n', 58, 'latin1');
    return Buffer.concat([h, data, data.length % 2 ? Buffer.from('\n') : Buffer.alloc(0)]);
  };
  const data = zlib.gzipSync(tar(files.map((f) => ({ ...f, name: `${DEB_APP_PREFIX}${f.name}` }))));
  return Buffer.concat([Buffer.from('!<arch>\n'), member('debian-binary', Buffer.from('2.0\n')), member('control.tar.gz', zlib.gzipSync(tar([]))), member('data.tar.gz', data)]);
}

/** A source that offers one build; `download` writes what the test says the verified file holds. */
function fakeSource(target: AppTarget | null, bytes: () => Buffer, fail?: Error): AppSource & { downloads: number } {
  const s = {
    downloads: 0,
    latest: () => Promise.resolve(target),
    download: (_t: AppTarget, dest: string) => {
      s.downloads += 1;
      if (fail) return Promise.reject(fail);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.writeFileSync(dest, bytes());
      return Promise.resolve();
    },
  };
  return s;
}

const target = (version: string): AppTarget => ({ name: `app/${version}/zhengwu-kiosk-${version}.tar.gz`, version, length: 1, sha256: '0'.repeat(64) });

function machine(o: { slots: AbSlots; source: AppSource; running?: { version: string; slot: SlotName }; idle?: () => boolean }): { m: AppUpdates; restarts: string[] } {
  const restarts: string[] = [];
  const m = new AppUpdates({
    source: o.source,
    slots: o.slots,
    running: o.running ?? { version: '0.1.0', slot: 'factory' },
    isIdle: o.idle ?? (() => true),
    restart: (r) => restarts.push(r),
    log: silentLogger(),
    newer: (a, b) => compareAppVersions(a, b) > 0,
  });
  return { m, restarts };
}

describe('A/B app updates', () => {
  it('verify → stage → waits while a person is there → switches at idle → self-check passes → committed', async () => {
    const slots = new AbSlots(tmp('slots'), '/usr/lib/zhengwu-kiosk');
    let personThere = true;
    const { m, restarts } = machine({ slots, source: fakeSource(target('0.2.0'), () => tarball(appTree('0.2.0'))), idle: () => !personThere });
    await m.check();
    expect(m.status().phase).toBe('staged');
    expect(slots.read()).toMatchObject({ current: 'factory', trial: null, versions: { a: '0.2.0' } });
    expect(fs.readFileSync(path.join(slots.treeOf('a'), 'dist/node/host.mjs'), 'utf8')).toContain('0.2.0');
    // Never under a person: nothing switched, nothing restarted.
    expect(restarts).toEqual([]);
    personThere = false;
    m.sessionEnded();
    expect(restarts).toEqual(['app update 0.2.0']);
    expect(slots.read().trial).toMatchObject({ slot: 'a', version: '0.2.0', from: 'factory', attempts: 0 });

    // The launcher starts the trial build, which checks itself and commits.
    expect(slots.launch()).toEqual({ slot: 'a', trial: true });
    const after = machine({ slots, source: fakeSource(null, () => Buffer.alloc(0)), running: { version: '0.2.0', slot: 'a' } });
    expect(await after.m.startupSelfCheck(() => ({ ok: true, detail: '' }), 1_000, 10)).toBe('committed');
    expect(slots.read()).toMatchObject({ current: 'a', trial: null, last: { outcome: 'committed', version: '0.2.0' } });
    expect(slots.launch()).toEqual({ slot: 'a', trial: false });
    // The next update goes into the other slot: the committed one is never overwritten.
    expect(slots.spareSlot()).toBe('b');
  });

  it('a failed start-up self-check rolls back to the build before and restarts into it', async () => {
    const slots = new AbSlots(tmp('slots'), '/factory');
    const { m } = machine({ slots, source: fakeSource(target('0.3.0'), () => tarball(appTree('0.3.0'))) });
    await m.check();
    expect(slots.launch()).toEqual({ slot: 'a', trial: true });
    const trial = machine({ slots, source: fakeSource(null, () => Buffer.alloc(0)), running: { version: '0.3.0', slot: 'a' } });
    let checks = 0;
    const outcome = await trial.m.startupSelfCheck(() => ({ ok: false, detail: `renderer never started (${++checks})` }), 50, 10);
    expect(outcome).toBe('rolled-back');
    expect(checks).toBeGreaterThan(1);
    expect(trial.restarts).toEqual(['rollback from 0.3.0']);
    expect(slots.read()).toMatchObject({ current: 'factory', trial: null, last: { outcome: 'rolled-back', version: '0.3.0' } });
    expect(slots.read().last?.detail).toMatch(/renderer never started/);
    expect(slots.launch()).toEqual({ slot: 'factory', trial: false });
  });

  it('a build that cannot even start is rolled back by the launcher after two starts, and not tried again', async () => {
    const slots = new AbSlots(tmp('slots'), '/factory');
    const source = fakeSource(target('0.4.0'), () => tarball(appTree('0.4.0')));
    const { m } = machine({ slots, source });
    await m.check();
    expect(slots.launch()).toEqual({ slot: 'a', trial: true });
    expect(slots.launch()).toEqual({ slot: 'a', trial: true });
    // Neither start got as far as its self-check: the third start is the factory build again.
    expect(slots.launch()).toEqual({ slot: 'factory', trial: false });
    expect(slots.read().last).toMatchObject({ outcome: 'rolled-back', version: '0.4.0', detail: 'started 2 times without passing its start-up self-check' });
    const again = machine({ slots, source });
    await again.m.check();
    expect(source.downloads).toBe(1);
    expect(again.m.status().phase).toBe('idle');
  });

  it('a download that fails verification stages nothing; an older or equal build is not taken', async () => {
    const slots = new AbSlots(tmp('slots'), '/factory');
    const bad = machine({ slots, source: fakeSource(target('0.2.0'), () => Buffer.alloc(0), new Error('hash mismatch: sha256 of the download differs from the signed hash')) });
    await bad.m.check();
    expect(bad.m.status()).toMatchObject({ phase: 'failed' });
    expect(bad.m.status().detail).toMatch(/hash mismatch/);
    expect(slots.read()).toMatchObject({ current: 'factory', trial: null, versions: {} });
    const old = fakeSource(target('0.1.0'), () => tarball(appTree('0.1.0')));
    await machine({ slots, source: old }).m.check();
    expect(old.downloads).toBe(0);
  });

  it('refuses a build that is not what its signed target says, or that would write outside its slot', async () => {
    const slots = new AbSlots(tmp('slots'), '/factory');
    const lying = machine({ slots, source: fakeSource(target('0.2.0'), () => tarball(appTree('0.1.9'))) });
    await lying.m.check();
    expect(lying.m.status().detail).toBe('refused: the build says version 0.1.9, the signed target 0.2.0');
    const other = machine({ slots, source: fakeSource(target('0.2.0'), () => tarball(appTree('0.2.0', 'something-else'))) });
    await other.m.check();
    expect(other.m.status().detail).toMatch(/not zhengwu-kiosk/);
    const escape = machine({ slots, source: fakeSource(target('0.2.0'), () => tarball([...appTree('0.2.0'), { name: 'x/../../evil.sh', data: Buffer.from('rm -rf /') }])) });
    await escape.m.check();
    expect(escape.m.status().detail).toMatch(/escapes the install folder/);
    expect(fs.existsSync(path.join(slots.dir, 'evil.sh'))).toBe(false);
    expect(slots.read()).toMatchObject({ trial: null, versions: {} });
  });

  it('takes a .deb (the same package a fresh install uses) into a slot', async () => {
    const slots = new AbSlots(tmp('slots'), '/factory');
    const { m } = machine({ slots, source: fakeSource(target('0.5.0'), () => deb(appTree('0.5.0'))), idle: () => false });
    await m.check();
    expect(m.status().phase).toBe('staged');
    expect(JSON.parse(fs.readFileSync(path.join(slots.treeOf('a'), 'package.json'), 'utf8'))).toEqual({ name: 'zhengwu-kiosk', version: '0.5.0' });
  });

  it('gets the build from the signed update channel: a TUF repository the operator published it to', async () => {
    const repo = tmp('repo');
    const build = path.join(tmp('build'), 'zhengwu-kiosk-0.6.0.tar.gz');
    fs.writeFileSync(build, tarball(appTree('0.6.0')));
    const keys = fs.readdirSync(samplePaths.keysDir).filter((f) => f.endsWith('.key.json')).sort().slice(0, 2).map((f) => readOperatorKey(path.join(samplePaths.keysDir, f)));
    const root = JSON.parse(fs.readFileSync(samplePaths.root, 'utf8')) as Record<string, unknown>;
    const day = 86_400_000;
    await publishToRepository(repo, { kind: 'app', file: build, version: '0.6.0' }, { signers: keys, roots: [root], expires: new Date(Date.now() + day), timestampExpires: new Date(Date.now() + day) });

    const slots = new AbSlots(tmp('slots'), '/factory');
    const source = channelAppSource({ source: { kind: 'directory', dir: repo }, rootFile: samplePaths.root, workDir: tmp('app-channel'), channel: 'stable' });
    const { m } = machine({ slots, source, idle: () => false });
    await m.check();
    expect(m.status()).toMatchObject({ phase: 'staged' });
    expect(slots.read().versions).toEqual({ a: '0.6.0' });

    // The same build, changed by one byte on the mirror: the signed hash refuses it.
    const stored = path.join(repo, 'targets', 'app', '0.6.0', 'zhengwu-kiosk-0.6.0.tar.gz');
    const bytes = fs.readFileSync(stored);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    fs.writeFileSync(stored, bytes);
    const tampered = machine({ slots: new AbSlots(tmp('slots'), '/factory'), source: channelAppSource({ source: { kind: 'directory', dir: repo }, rootFile: samplePaths.root, workDir: tmp('app-channel'), channel: 'stable' }) });
    await tampered.m.check();
    expect(tampered.m.status()).toMatchObject({ phase: 'failed', detail: expect.stringMatching(/^download failed/) });
  });
});
