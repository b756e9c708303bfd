import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

/**
 * `npm run package`: the Chromium-kiosk deployment as a real Debian package, built with Debian's
 * dpkg-deb. The kiosk's Node programs are bundled with every pure-JavaScript dependency inside, so the
 * package carries only the native modules (and what they load) in node_modules; the renderer, the sample
 * content (for the demo profile and technician training), the systemd units, the udev rules, a config
 * file and the maintainer scripts complete it. data.tar is gzip: the A/B installer of signed app updates
 * reads the same .deb (xz is not in Node).
 *
 *   npm run package [-- --out dist/packages]   →   dist/packages/zhengwu-kiosk_<version>_amd64.deb
 */
const root = path.resolve(import.meta.dirname, '..');
const APP = 'usr/lib/zhengwu-kiosk';

const PROGRAMS: Record<string, string> = {
  host: 'host/cli.ts',
  'kiosk-admin': 'host/admin-cli.ts',
  'kiosk-launcher': 'host/launcher.ts',
  'kiosk-browser': 'host/browser-supervisor.ts',
  // The demo profile's simulators: a technician can train on a kiosk without devices or a platform.
  'device-sim': 'hardware/testing/simulators/cli.ts',
  'platform-sim': 'platform-sim/cli.ts',
};
/** Loaded at run time from node_modules: native code (and the packages that load it). */
const RUNTIME_PACKAGES = ['better-sqlite3', 'serialport', '@node-rs/argon2', '@node-rs/jieba'];
/** Never shipped: build intermediates and test extensions anywhere, and better-sqlite3's C sources. */
const SKIP = new Set(['obj.target', '.deps', 'test_extension.node']);
const SKIP_IN: Record<string, readonly string[]> = { 'better-sqlite3': ['deps', 'src'] };

function copyTree(from: string, to: string, skip: readonly string[] = []): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || skip.includes(entry.name) || entry.name.endsWith('.map')) continue;
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) copyTree(src, dst);
    else if (entry.isFile()) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(src, dst);
      fs.chmodSync(dst, fs.statSync(src).mode & 0o755);
    }
  }
}

/** A package and everything it needs at run time, as npm laid them out (optional packages for other platforms skipped). */
function closure(names: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (name: string, from: string): void => {
    if (found.has(name)) return;
    for (let dir = from; ; dir = path.dirname(dir)) {
      const at = path.join(dir, 'node_modules', name);
      if (fs.existsSync(path.join(at, 'package.json'))) {
        found.set(name, at);
        const p = JSON.parse(fs.readFileSync(path.join(at, 'package.json'), 'utf8')) as { dependencies?: object; optionalDependencies?: object };
        for (const d of Object.keys({ ...p.dependencies, ...p.optionalDependencies })) visit(d, at);
        return;
      }
      if (path.dirname(dir) === dir) return;
    }
  };
  for (const n of names) visit(n, root);
  return found;
}

const CONTROL_SCRIPTS: Record<string, string> = {
  postinst: `#!/bin/sh
set -e
if [ "$1" = configure ]; then
  getent group zhengwu-kiosk >/dev/null || addgroup --system zhengwu-kiosk
  getent passwd zhengwu-kiosk >/dev/null || adduser --system --ingroup zhengwu-kiosk --home /var/lib/zhengwu-kiosk --no-create-home --shell /usr/sbin/nologin zhengwu-kiosk
  for g in dialout video input render; do getent group "$g" >/dev/null && adduser zhengwu-kiosk "$g" >/dev/null || true; done
  install -d -o zhengwu-kiosk -g zhengwu-kiosk -m 0750 /var/lib/zhengwu-kiosk /var/lib/zhengwu-kiosk/data /var/lib/zhengwu-kiosk/app
  install -d -o zhengwu-kiosk -g zhengwu-kiosk -m 0700 /var/lib/zhengwu-kiosk/keys
  if command -v udevadm >/dev/null; then udevadm control --reload || true; udevadm trigger --subsystem-match=tty || true; fi
  if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
  if [ ! -f /var/lib/zhengwu-kiosk/data/admin/pin.argon2 ]; then
    echo "zhengwu-kiosk: no admin PIN yet. Set one now:  sudo zhengwu-kiosk-admin set-pin"
  fi
  echo "zhengwu-kiosk: fill in /etc/zhengwu-kiosk/kiosk.env, then: sudo systemctl enable --now zhengwu-kiosk zhengwu-kiosk-browser"
fi
exit 0
`,
  prerm: `#!/bin/sh
set -e
if [ -d /run/systemd/system ] && [ "$1" = remove ]; then
  systemctl stop zhengwu-kiosk-browser.service zhengwu-kiosk.service || true
fi
exit 0
`,
  postrm: `#!/bin/sh
set -e
if [ "$1" = purge ]; then rm -rf /var/lib/zhengwu-kiosk /etc/zhengwu-kiosk; fi
if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
exit 0
`,
};

export async function packageDeb(out: string): Promise<string> {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string; description: string };
  const renderer = path.join(root, 'dist', 'renderer', 'index.html');
  if (!fs.existsSync(renderer)) throw new Error('the renderer is not built: npm run build:renderer');
  const stage = path.join(out, `deb-${process.pid}`);
  fs.rmSync(stage, { recursive: true, force: true });
  const app = path.join(stage, APP);
  fs.mkdirSync(path.join(app, 'dist', 'node'), { recursive: true });

  // The programs, with their pure-JS dependencies inside; CommonJS packages get a real `require`.
  const external = [...RUNTIME_PACKAGES, '@serialport/*'];
  await build({
    absWorkingDir: root,
    entryPoints: Object.entries(PROGRAMS).map(([o, entry]) => ({ in: entry, out: o })),
    outdir: path.join(app, 'dist', 'node'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    banner: { js: "import { createRequire as __kioskRequire } from 'node:module'; const require = __kioskRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  copyTree(path.join(root, 'dist', 'renderer'), path.join(app, 'dist', 'renderer'));
  for (const d of ['sample', 'sample-keys']) copyTree(path.join(root, 'content', d), path.join(app, 'content', d));
  for (const [name, dir] of closure(RUNTIME_PACKAGES)) copyTree(dir, path.join(app, 'node_modules', name), SKIP_IN[name] ?? []);
  fs.writeFileSync(path.join(app, 'package.json'), `${JSON.stringify({ name: pkg.name, version: pkg.version, private: true, type: 'module', description: pkg.description }, null, 2)}\n`);
  fs.copyFileSync(path.join(root, 'README.md'), path.join(app, 'README.md'));

  const put = (rel: string, from: string, mode = 0o644): void => {
    const dest = path.join(stage, rel);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(path.join(root, from), dest);
    fs.chmodSync(dest, mode);
  };
  put('lib/systemd/system/zhengwu-kiosk.service', 'build/systemd/zhengwu-kiosk.service');
  put('lib/systemd/system/zhengwu-kiosk-browser.service', 'build/systemd/zhengwu-kiosk-browser.service');
  put('lib/udev/rules.d/61-zhengwu-kiosk.rules', 'build/udev/61-zhengwu-kiosk.rules');
  put('usr/share/doc/zhengwu-kiosk/99-zhengwu-kiosk-roles.rules.example', 'build/udev/99-zhengwu-kiosk-roles.rules.example');
  put('etc/zhengwu-kiosk/kiosk.env', 'build/deb/kiosk.env', 0o640);
  const admin = path.join(stage, 'usr/bin/zhengwu-kiosk-admin');
  fs.mkdirSync(path.dirname(admin), { recursive: true });
  fs.writeFileSync(
    admin,
    `#!/bin/sh\n# The technician's install-time tool (set-pin), run as root; it writes what the kiosk's user reads.\nset -a\n[ -r /etc/zhengwu-kiosk/kiosk.env ] && . /etc/zhengwu-kiosk/kiosk.env\nset +a\nexport KIOSK_DATA_DIR="\${KIOSK_DATA_DIR:-/var/lib/zhengwu-kiosk/data}"\nexec /usr/bin/node /${APP}/dist/node/kiosk-admin.mjs "$@"\n`,
    { mode: 0o755 },
  );

  const debian = path.join(stage, 'DEBIAN');
  fs.mkdirSync(debian);
  const installedKb = Math.ceil(Number(execFileSync('du', ['-sk', '--exclude=DEBIAN', stage]).toString().split('\t')[0]));
  fs.writeFileSync(
    path.join(debian, 'control'),
    [
      `Package: ${pkg.name}`,
      `Version: ${pkg.version}`,
      'Architecture: amd64',
      'Maintainer: kiosk-operations <kiosk-operations@localhost>',
      `Installed-Size: ${installedKb}`,
      'Depends: nodejs (>= 20.19), chromium, cage, adduser',
      'Recommends: espeak-ng',
      'Suggests: socat',
      'Section: misc',
      'Priority: optional',
      'Description: 政务自助终端 government service self-service kiosk (Chromium kiosk)',
      ' The kiosk services and Node host, the screens served to Chromium in cage, the',
      ' browser supervisor, the A/B launcher of signed app updates, systemd units and',
      ' udev rules for the serial devices. Set the admin PIN with zhengwu-kiosk-admin.',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(path.join(debian, 'conffiles'), '/etc/zhengwu-kiosk/kiosk.env\n');
  for (const [name, text] of Object.entries(CONTROL_SCRIPTS)) fs.writeFileSync(path.join(debian, name), text, { mode: 0o755 });

  fs.mkdirSync(out, { recursive: true });
  const deb = path.join(out, `${pkg.name}_${pkg.version}_amd64.deb`);
  execFileSync('dpkg-deb', ['--root-owner-group', '-Zgzip', '-z6', '--build', stage, deb], { stdio: ['ignore', 'ignore', 'inherit'] });
  fs.rmSync(stage, { recursive: true, force: true });
  return deb;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const deb = await packageDeb(path.resolve(values.out ?? path.join(root, 'dist', 'packages')));
  console.log(`package: ${path.relative(process.cwd(), deb)} (${Math.round(fs.statSync(deb).size / 1024 / 1024)} MB)`);
}
