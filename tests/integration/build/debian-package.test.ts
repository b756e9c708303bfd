import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageDeb } from '../../../build/package-deb';
import { AbSlots } from '../../../services/admin/app-update/ab-slots';

/**
 * `npm run package`: the Chromium-kiosk deployment as a real Debian package (Debian's dpkg-deb), inspected
 * as dpkg sees it, unpacked, and started from the unpacked tree alone (nothing from this checkout's
 * node_modules can be reached from there) until it prints `Kiosk ready`.
 */
const root = path.resolve(import.meta.dirname, '..', '..', '..');
const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
let tmp: string;
let deb: string;
let tree: string;
let host: ChildProcess | null = null;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-deb-'));
  deb = await packageDeb(path.join(tmp, 'out'));
  tree = path.join(tmp, 'root');
  execFileSync('dpkg-deb', ['-x', deb, tree]);
}, 180_000);
afterAll(() => {
  host?.kill('SIGKILL');
  fs.rmSync(tmp, { recursive: true, force: true });
});

const field = (name: string): string => execFileSync('dpkg-deb', ['--field', deb, name]).toString().trim();

describe('the Debian package of the Chromium-kiosk deployment', { timeout: 120_000 }, () => {
  it('is a package dpkg reads: name, version, architecture, what it depends on, its maintainer scripts', () => {
    expect(path.basename(deb)).toBe(`zhengwu-kiosk_${version}_amd64.deb`);
    expect(field('Package')).toBe('zhengwu-kiosk');
    expect(field('Version')).toBe(version);
    expect(field('Architecture')).toBe('amd64');
    expect(field('Depends')).toBe('nodejs (>= 20.19), chromium, cage, adduser');
    const control = execFileSync('dpkg-deb', ['--info', deb]).toString();
    for (const script of ['postinst', 'prerm', 'postrm', 'conffiles']) expect(control).toContain(script);
    // The kiosk's own system user, and the reminder that there is no admin PIN until one is set.
    const postinst = execFileSync('dpkg-deb', ['--info', deb, 'postinst']).toString();
    expect(postinst).toContain('adduser --system');
    expect(postinst).toContain('zhengwu-kiosk-admin set-pin');
  });

  it('carries the compiled host and tools, the renderer, the sample content, the units and the udev rules', () => {
    const files = execFileSync('dpkg-deb', ['--contents', deb]).toString().split('\n').map((l) => l.replace(/^.* \.\//, '').replace(/ -> .*$/, ''));
    for (const f of [
      'usr/lib/zhengwu-kiosk/dist/node/host.mjs',
      'usr/lib/zhengwu-kiosk/dist/node/kiosk-launcher.mjs',
      'usr/lib/zhengwu-kiosk/dist/node/kiosk-browser.mjs',
      'usr/lib/zhengwu-kiosk/dist/node/kiosk-admin.mjs',
      'usr/lib/zhengwu-kiosk/dist/renderer/index.html',
      'usr/lib/zhengwu-kiosk/content/sample/version.json',
      'usr/lib/zhengwu-kiosk/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'usr/bin/zhengwu-kiosk-admin',
      'lib/systemd/system/zhengwu-kiosk.service',
      'lib/systemd/system/zhengwu-kiosk-browser.service',
      'lib/udev/rules.d/61-zhengwu-kiosk.rules',
      'etc/zhengwu-kiosk/kiosk.env',
    ]) {
      expect(files, f).toContain(f);
    }
    // Nothing of development: no TypeScript sources, no maps, no test fixtures, no console or operator tools.
    expect(files.filter((f) => /\.(ts|map)$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    expect(files.some((f) => f.includes('node_modules/vitest') || f.includes('node_modules/fastify') || f.includes('node_modules/electron/'))).toBe(false);
    // data.tar is gzip: the A/B installer of signed app updates reads this very file.
    expect(execFileSync('sh', ['-c', `ar t ${JSON.stringify(deb)}`]).toString()).toContain('data.tar.gz');
  });

  it('its units run the kiosk as its own user under systemd, the screen in cage without VT switching', () => {
    const unit = fs.readFileSync(path.join(tree, 'lib/systemd/system/zhengwu-kiosk.service'), 'utf8');
    expect(unit).toMatch(/^User=zhengwu-kiosk$/m);
    expect(unit).toMatch(/^Restart=always$/m);
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/node \/usr\/lib\/zhengwu-kiosk\/dist\/node\/kiosk-launcher\.mjs$/m);
    expect(unit).toMatch(/^ProtectSystem=strict$/m);
    const screen = fs.readFileSync(path.join(tree, 'lib/systemd/system/zhengwu-kiosk-browser.service'), 'utf8');
    expect(screen).toMatch(/^ExecStart=\/usr\/bin\/cage -d -- \/usr\/bin\/node \/usr\/lib\/zhengwu-kiosk\/dist\/node\/kiosk-browser\.mjs$/m);
    expect(screen.match(/^ExecStart=.*$/m)![0]).not.toMatch(/ -s\b/);
    expect(screen).toMatch(/^TTYPath=\/dev\/tty1$/m);
    const rules = fs.readFileSync(path.join(tree, 'lib/udev/rules.d/61-zhengwu-kiosk.rules'), 'utf8');
    expect(rules).toContain('ENV{ID_MM_DEVICE_IGNORE}="1"');
    expect(rules).toContain('SYMLINK+="serial/zhengwu-kiosk/sn-$env{ID_SERIAL_SHORT}"');
    expect(rules).toContain('SYMLINK+="serial/zhengwu-kiosk/port-$env{ID_PATH}"');
  });

  it('starts from the unpacked tree alone to "Kiosk ready" and serves its content', async () => {
    const app = path.join(tree, 'usr/lib/zhengwu-kiosk');
    const dataDir = path.join(tmp, 'data');
    // The install step works from the package too.
    execFileSync(process.execPath, [path.join(app, 'dist/node/kiosk-admin.mjs'), 'set-pin', '--data-dir', dataDir], { input: '592837\n' });
    expect(fs.existsSync(path.join(dataDir, 'admin', 'pin.argon2'))).toBe(true);

    const child = spawn(process.execPath, [path.join(app, 'dist/node/host.mjs'), '--default-profile', 'demo'], {
      cwd: tmp,
      env: { PATH: process.env.PATH, KIOSK_PORT: '0', KIOSK_DATA_DIR: dataDir, KIOSK_DEVICES: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    host = child;
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "Kiosk ready":\n${out}`)), 60_000);
      child.stdout!.on('data', () => {
        const m = /Kiosk ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.on('exit', (code) => reject(new Error(`host exited with ${code}:\n${out}`)));
    });
    const health = (await (await fetch(`${url}/healthz`)).json()) as { ready: boolean; contentVersion: number };
    const sample = (JSON.parse(fs.readFileSync(path.join(app, 'content/sample/version.json'), 'utf8')) as { version: number }).version;
    expect(health).toMatchObject({ ready: true, contentVersion: sample });
    // Search runs on the packed content database through the packaged native SQLite.
    const page = await (await fetch(`${url}/`)).text();
    const capability = /name="kiosk-capability" content="([^"]+)"/.exec(page)![1]!;
    const r = (await (
      await fetch(`${url}/api/content.search`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url, 'x-kiosk-capability': capability }, body: JSON.stringify({ query: '营业执照' }) })
    ).json()) as { ok: boolean; value: { hits: unknown[] } };
    expect(r.ok).toBe(true);
    expect(r.value.hits.length).toBeGreaterThan(0);
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
    host = null;
  });

  it('is itself an app build the A/B installer takes into a slot', () => {
    const slots = new AbSlots(path.join(tmp, 'app'), '/factory');
    expect(slots.stage(deb, version)).toBe('a');
    expect(fs.existsSync(path.join(slots.treeOf('a'), 'dist/node/host.mjs'))).toBe(true);
  });
});
