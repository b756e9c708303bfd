import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import type { ContentSet } from '../../../content-bundle/model';
import { contentForVersion, liveMarker, makeBundle, makeOperators, tmp } from './fixtures';

const TRIALS = 200;
/** Independent stores killed side by side (two cores), so 200 trials fit in well under a minute. */
const LANES = 2;

/** A small content set (2 items, no lexicon: its concepts name words of the full catalogue) so each trial is
 * quick; the marker notice names the version. */
const base = contentForVersion(0);
const tiny = (version: number): ContentSet => ({
  ...base,
  items: base.items.filter((i) => i.code === 'NH-PSB-0103' || i.code === 'NH-BNK-0105'),
  flows: [], forms: [], packages: [], policies: [], servicePoints: [],
  lexicon: { ...base.lexicon, concepts: [], lifeEvents: [], clarify: [] },
  notices: [...base.notices.filter((n) => !n.id.startsWith('n_version_')), { id: `n_version_${version}`, title: { zh: `版本${version}` }, body: { zh: '测试' }, publishedAt: '2026-11-25', level: 'info' }],
});

/** Runs the child; with `killAfterReadyMs`, SIGKILLs it that long after it has loaded and begun applying. */
const runChild = (script: string, args: string[], killAfterReadyMs: number | null): Promise<{ out: string; killed: boolean; applyMs: number }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let readyAt = 0;
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (d) => {
      out += String(d);
      if (readyAt === 0 && out.includes('ready')) {
        readyAt = Date.now();
        if (killAfterReadyMs !== null) timer = setTimeout(() => child.kill('SIGKILL'), killAfterReadyMs);
      }
    });
    child.on('exit', (_code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ out, killed: signal === 'SIGKILL', applyMs: Date.now() - readyAt });
    });
  });

describe('applying a bundle is atomic under kill -9', () => {
  it(`leaves exactly the old or the new version after ${TRIALS} kills at random moments`, async () => {
    // tmpfs when available: kill -9 tests process death (the page cache survives it), not power
    // loss, so fsync latency of the disk would only slow the 200 trials down.
    const work = fs.existsSync('/dev/shm') ? fs.mkdtempSync('/dev/shm/kiosk-kill9-') : tmp('kill9');
    const script = path.join(work, 'apply-child.cjs');
    buildSync({ entryPoints: [path.join(import.meta.dirname, 'apply-child.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: script, external: ['better-sqlite3'], logLevel: 'error', alias: { 'make-fetch-happen': path.join(import.meta.dirname, 'no-network-stub.cjs') } });
    // The bundled child resolves better-sqlite3 from the project.
    fs.symlinkSync(path.resolve('node_modules'), path.join(work, 'node_modules'));
    const ops = makeOperators(2, 2);
    const rootFile = path.join(work, 'root.json');
    fs.writeFileSync(rootFile, JSON.stringify(ops.root));
    const bundles = new Map<number, Promise<string>>();
    const bundleFor = (v: number) => {
      if (!bundles.has(v)) bundles.set(v, makeBundle(path.join(work, `b${v}`), { version: v, signers: ops.keys, roots: [ops.root], content: tiny(v) }));
      return bundles.get(v) ?? Promise.resolve('');
    };
    const installed = (dataDir: string): { version: number | null; file: string | null } => {
      // A child killed before it created the store, or inside the first migration, leaves no content.
      if (!fs.existsSync(path.join(dataDir, 'kiosk.db'))) return { version: null, file: null };
      const db = new BetterSqlite3(path.join(dataDir, 'kiosk.db'));
      try {
        expect((db.pragma('integrity_check') as { integrity_check: string }[])[0]?.integrity_check).toBe('ok');
        if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'content_state'").get()) return { version: null, file: null };
        const r = db.prepare('SELECT current_version AS v, current_file AS f FROM content_state').get() as { v: number | null; f: string | null };
        return { version: r.v, file: r.f ? path.join(dataDir, 'content', r.f) : null };
      } finally {
        db.close();
      }
    };

    // An unkilled run measures how long an apply takes; kills then land anywhere in 1.6× that span.
    // The machine's speed changes during a run (other suites share two cores), so each lane keeps
    // the estimate current: a trial the kill did not reach is a fresh measurement, and a long streak
    // of interrupted applies means the estimate is stale, so the lane measures again (not a trial).
    const probeDir = path.join(work, 'probe');
    const first = await runChild(script, [probeDir, await bundleFor(1), rootFile], null);
    expect(first.out).toContain('applied 1');
    let completed = 0;
    let interrupted = 0;
    const lane = async (n: number) => {
      const dataDir = path.join(work, `lane${n}`);
      let applyMs = first.applyMs;
      let interruptedStreak = 0;
      for (let trial = 0; trial < TRIALS / LANES; trial++) {
        if (interruptedStreak >= 8) {
          const version = (installed(dataDir).version ?? 0) + 1;
          const probe = await runChild(script, [dataDir, await bundleFor(version), rootFile], null);
          expect(probe.out).toContain(`applied ${version}`);
          applyMs = probe.applyMs;
          interruptedStreak = 0;
        }
        const before = installed(dataDir).version ?? 0;
        const next = before + 1;
        const r = await runChild(script, [dataDir, await bundleFor(next), rootFile], Math.random() * applyMs * 1.6);
        const after = installed(dataDir);
        expect([before === 0 ? null : before, next]).toContain(after.version);
        expect(liveMarker(after.file)).toBe(after.version);
        if (after.version === next) completed++;
        else interrupted++;
        interruptedStreak = after.version === next ? 0 : interruptedStreak + 1;
        if (!r.killed) {
          expect(r.out).toContain(`applied ${next}`);
          applyMs = r.applyMs;
        }
      }
      return dataDir;
    };
    const dirs = await Promise.all(Array.from({ length: LANES }, (_, i) => lane(i)));
    // Both outcomes happened, so kills really landed before and after the switch.
    expect(completed + interrupted).toBe(TRIALS);
    expect(completed).toBeGreaterThan(10);
    expect(interrupted).toBeGreaterThan(10);
    // Leftovers of killed applies are removed by the next apply; only current + previous remain.
    const dataDir = dirs[0] ?? '';
    const res = await runChild(script, [dataDir, await bundleFor((installed(dataDir).version ?? 0) + 1), rootFile], null);
    expect(res.out).toMatch(/applied/);
    expect(fs.readdirSync(path.join(dataDir, 'content')).filter((f) => f.endsWith('.db'))).toHaveLength(2);
  }, 300_000);
});
