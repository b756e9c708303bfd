import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { z } from 'zod';
import { TarError, untar } from '../tar';

/** The build that came with the package (read-only), and the two side-by-side slots updates go into. */
export const slotName = z.enum(['factory', 'a', 'b']);
export type SlotName = z.infer<typeof slotName>;

const slotState = z.object({
  /** The committed build: what runs unless a trial is under way. */
  current: slotName,
  versions: z.record(z.string(), z.string()).default({}),
  /** A build switched to but not yet through its start-up self-check. */
  trial: z.object({ slot: z.enum(['a', 'b']), version: z.string(), from: slotName, attempts: z.number().int().nonnegative(), since: z.string() }).nullable(),
  last: z.object({ at: z.string(), outcome: z.enum(['committed', 'rolled-back']), version: z.string(), detail: z.string() }).nullable(),
});
export type SlotState = z.infer<typeof slotState>;

/** Exit code of a kiosk that asks the launcher to start it again at once (an app update switching or rolling back). */
export const RESTART_EXIT_CODE = 75;

/** A trial build gets this many starts to pass its self-check; then the launcher goes back. */
export const MAX_TRIAL_STARTS = 2;

export class InstallRefused extends Error {}

/** ar archive members (a .deb is one): name → bytes. */
function arMembers(bytes: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let off = 8;
  while (off + 60 <= bytes.length) {
    const name = bytes.subarray(off, off + 16).toString('latin1').trim().replace(/\/$/, '');
    const size = Number(bytes.subarray(off + 48, off + 58).toString('latin1').trim());
    if (!Number.isInteger(size) || bytes.subarray(off + 58, off + 60).toString('latin1') !== '`\n') throw new InstallRefused('not a valid .deb (ar header)');
    out.set(name, bytes.subarray(off + 60, off + 60 + size));
    off += 60 + size + (size % 2);
  }
  return out;
}

/** Where a package puts the app in its data archive. */
export const DEB_APP_PREFIX = './usr/lib/zhengwu-kiosk/';

/**
 * The A/B layout of app builds under `dir` (KIOSK_APP_SLOTS_DIR, e.g. /var/lib/zhengwu-kiosk/app):
 * `slots/a`, `slots/b` and `state.json`. A verified build is unpacked into the slot not in use, checked
 * (its package says the version the signed target said), and only then switched to, as a trial the
 * launcher gives two starts; the build commits itself once its start-up self-check passed, or goes
 * back. Every change of `state.json` is a write to a new file and a rename: a power cut leaves the old
 * state or the new one.
 */
export class AbSlots {
  constructor(
    readonly dir: string,
    /** The package's own build (the factory slot). */
    readonly factoryDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get file(): string {
    return path.join(this.dir, 'state.json');
  }

  read(): SlotState {
    try {
      return slotState.parse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
    } catch {
      return { current: 'factory', versions: {}, trial: null, last: null };
    }
  }

  private write(s: SlotState): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o755 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    const fd = fs.openSync(tmp, 'w', 0o644);
    try {
      fs.writeSync(fd, JSON.stringify(s, null, 2));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file);
  }

  treeOf(slot: SlotName): string {
    return slot === 'factory' ? this.factoryDir : path.join(this.dir, 'slots', slot);
  }

  /** The slot an update goes into: never the one running, never the one to fall back to. */
  spareSlot(): 'a' | 'b' {
    const s = this.read();
    return s.current === 'a' ? 'b' : 'a';
  }

  /**
   * Unpacks a verified build (a .deb, or a .tar.gz of the app folder) into the spare slot and checks
   * that it is the version the signed target named. Nothing is switched.
   */
  stage(file: string, version: string): 'a' | 'b' {
    const slot = this.spareSlot();
    const final = this.treeOf(slot);
    const staging = `${final}.staging`;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { recursive: true });
    try {
      const bytes = fs.readFileSync(file);
      if (bytes.subarray(0, 8).toString('latin1') === '!<arch>\n') {
        const members = arMembers(bytes);
        const data = members.get('data.tar.gz') ?? members.get('data.tar');
        if (!data) throw new InstallRefused(`the .deb carries ${[...members.keys()].join(', ')}: a gzip or plain data.tar is needed`);
        untar(members.has('data.tar.gz') ? zlib.gunzipSync(data) : data, staging, DEB_APP_PREFIX);
      } else if (bytes[0] === 0x1f && bytes[1] === 0x8b) untar(zlib.gunzipSync(bytes), staging);
      else throw new InstallRefused('an app build is a .deb or a .tar.gz');
      const pkg = JSON.parse(fs.readFileSync(path.join(staging, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name !== 'zhengwu-kiosk') throw new InstallRefused(`the build is ${pkg.name ?? 'unnamed'}, not zhengwu-kiosk`);
      if (pkg.version !== version) throw new InstallRefused(`the build says version ${pkg.version}, the signed target ${version}`);
      if (!fs.existsSync(path.join(staging, 'dist', 'node', 'host.mjs')) && !fs.existsSync(path.join(staging, 'kiosk-app.json'))) {
        throw new InstallRefused('the build has no program to start (dist/node/host.mjs or kiosk-app.json)');
      }
    } catch (err) {
      fs.rmSync(staging, { recursive: true, force: true });
      if (err instanceof InstallRefused) throw err;
      throw new InstallRefused(err instanceof TarError ? err.message : `unreadable build: ${err instanceof Error ? err.message : String(err)}`);
    }
    fs.rmSync(final, { recursive: true, force: true });
    fs.renameSync(staging, final);
    const s = this.read();
    this.write({ ...s, versions: { ...s.versions, [slot]: version } });
    return slot;
  }

  /** Switches to a staged slot as a trial: the next start runs it. */
  beginTrial(slot: 'a' | 'b'): void {
    const s = this.read();
    const version = s.versions[slot];
    if (!version) throw new InstallRefused(`slot ${slot} holds no staged build`);
    this.write({ ...s, trial: { slot, version, from: s.current, attempts: 0, since: this.now().toISOString() } });
  }

  /**
   * The launcher's choice at every start: the trial build (counting its starts) while it has starts
   * left, otherwise the committed one — a trial that used them up without passing is rolled back here.
   */
  launch(): { slot: SlotName; trial: boolean } {
    const s = this.read();
    if (!s.trial) return { slot: s.current, trial: false };
    if (s.trial.attempts >= MAX_TRIAL_STARTS) {
      this.rollback(`started ${s.trial.attempts} times without passing its start-up self-check`);
      return { slot: this.read().current, trial: false };
    }
    this.write({ ...s, trial: { ...s.trial, attempts: s.trial.attempts + 1 } });
    return { slot: s.trial.slot, trial: true };
  }

  /** The trial build passed its self-check: it becomes the committed build. */
  commit(): void {
    const s = this.read();
    if (!s.trial) return;
    this.write({ ...s, current: s.trial.slot, trial: null, last: { at: this.now().toISOString(), outcome: 'committed', version: s.trial.version, detail: 'start-up self-check passed' } });
  }

  /** The trial build failed: back to the committed build (whose slot was never touched). */
  rollback(detail: string): void {
    const s = this.read();
    if (!s.trial) return;
    this.write({ ...s, trial: null, last: { at: this.now().toISOString(), outcome: 'rolled-back', version: s.trial.version, detail } });
  }
}
