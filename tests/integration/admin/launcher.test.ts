import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AbSlots } from '../../../services/admin/app-update/ab-slots';

/**
 * The launcher systemd runs, as a real program over real folders: it starts the committed build, gives a
 * build on trial two starts, and goes back to the build before when the trial never got through its
 * self-check; a build that asks for a restart (exit 75) is started again at once on the new choice.
 * The "builds" are tiny programs that say which they are and exit as told.
 */
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const root = path.resolve(import.meta.dirname, '..', '..', '..');

function build(dir: string, name: string, script: string): void {
  fs.mkdirSync(path.join(dir, 'dist', 'node'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'zhengwu-kiosk', version: name }));
  fs.writeFileSync(path.join(dir, 'dist', 'node', 'host.mjs'), `console.log('running ${name} in slot ' + process.env.KIOSK_APP_SLOT);\n${script}`);
}

function launch(slotsDir: string, factory: string): { out: string; code: number | null } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'host', 'launcher.ts'), `--factory=${factory}`], {
    cwd: root,
    env: { ...process.env, KIOSK_APP_SLOTS_DIR: slotsDir, KIOSK_DATA_DIR: path.join(slotsDir, 'data') },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { out: r.stdout, code: r.status };
}

describe('kiosk-launcher', () => {
  it('runs the committed build; a trial that crashes twice is rolled back on the third start', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-launcher-'));
    dirs.push(tmp);
    const factory = path.join(tmp, 'factory');
    const slotsDir = path.join(tmp, 'app');
    build(factory, '0.1.0', 'process.exit(0);');
    expect(launch(slotsDir, factory)).toMatchObject({ code: 0, out: expect.stringContaining('running 0.1.0 in slot factory') });

    const slots = new AbSlots(slotsDir, factory);
    build(path.join(slotsDir, 'slots', 'a'), '0.2.0', 'process.exit(1);');
    fs.writeFileSync(path.join(slotsDir, 'state.json'), JSON.stringify({ current: 'factory', versions: { a: '0.2.0' }, trial: null, last: null }));
    slots.beginTrial('a');
    for (let i = 1; i <= 2; i++) {
      const r = launch(slotsDir, factory);
      expect(r.code).toBe(1);
      expect(r.out).toContain('starting a (trial)');
    }
    const third = launch(slotsDir, factory);
    expect(third).toMatchObject({ code: 0, out: expect.stringContaining('running 0.1.0 in slot factory') });
    expect(slots.read()).toMatchObject({ current: 'factory', trial: null, last: { outcome: 'rolled-back', version: '0.2.0' } });
  });

  it('a build that asks for a restart is started again at once, on what the state names now', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-launcher-'));
    dirs.push(tmp);
    const factory = path.join(tmp, 'factory');
    const slotsDir = path.join(tmp, 'app');
    // The factory build switches to slot b's build (as an update between sessions does), then exits 75.
    const state = path.join(slotsDir, 'state.json');
    build(
      factory,
      '0.1.0',
      `import fs from 'node:fs';
       fs.writeFileSync(${JSON.stringify(state)}, JSON.stringify({ current: 'factory', versions: { b: '0.3.0' }, trial: { slot: 'b', version: '0.3.0', from: 'factory', attempts: 0, since: new Date().toISOString() }, last: null }));
       process.exit(75);`,
    );
    // The new build passes its check and commits itself.
    build(
      path.join(slotsDir, 'slots', 'b'),
      '0.3.0',
      `import fs from 'node:fs';
       const s = JSON.parse(fs.readFileSync(${JSON.stringify(state)}, 'utf8'));
       fs.writeFileSync(${JSON.stringify(state)}, JSON.stringify({ ...s, current: 'b', trial: null, last: { at: new Date().toISOString(), outcome: 'committed', version: '0.3.0', detail: 'ok' } }));
       process.exit(0);`,
    );
    const r = launch(slotsDir, factory);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').filter((l) => l.startsWith('running'))).toEqual(['running 0.1.0 in slot factory', 'running 0.3.0 in slot b']);
    expect(launch(slotsDir, factory).out).toContain('running 0.3.0 in slot b');
  });
});
