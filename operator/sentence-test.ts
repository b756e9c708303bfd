import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadContentDir } from '../content-bundle/bundle/pack';
import { TARGET_NAME, TARGETS_DIR } from '../content-bundle/bundle/metadata';
import { buildContentDb } from '../content-bundle/db/build';
import { openContentDb } from '../content-bundle/db/read';
import { SentenceIndex } from '../content-bundle/sentence/index';
import { readSentenceTestFile, runSentenceTests } from '../content-bundle/sentence/test-file';

type Out = (line: string) => void;

/** The packed database to test: a bundle directory's target, a content.db itself, or a content directory built on the spot. */
function contentDbOf(source: string, say: Out): { file: string; cleanup: () => void } {
  const target = path.join(source, TARGETS_DIR, TARGET_NAME);
  if (fs.existsSync(target)) return { file: target, cleanup: () => undefined };
  if (fs.statSync(source).isFile()) return { file: source, cleanup: () => undefined };
  const loaded = loadContentDir(source);
  if (!loaded.ok) {
    for (const i of loaded.issues.slice(0, 20)) say(`  ✗ ${i.where}: ${i.message}`);
    throw new Error(`content is invalid (${loaded.issues.length} problem(s)); nothing was tested`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'operator-sentences-'));
  const file = path.join(dir, TARGET_NAME);
  buildContentDb(loaded.content, file);
  return { file, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * `operator sentence-test`: runs a published sentence test file against content (exactly the
 * kiosk's offline path) and names every sentence whose right entry is not in the top `within`,
 * with what came instead. Fails (exit 1) when any does, so it can gate a publication.
 */
export function sentenceTest(o: { source: string; sentences: string; within: number }, say: Out): void {
  const file = readSentenceTestFile(o.sentences);
  const { file: db, cleanup } = contentDbOf(o.source, say);
  const conn = openContentDb(db);
  try {
    const index = new SentenceIndex(conn);
    const report = runSentenceTests(index, file, o.within);
    say(`${report.outcomes.length} sentences from ${o.sentences} against ${o.source} (lexicon: ${index.lexicon.concepts.length} concepts)`);
    for (const f of report.failures) {
      say(`  ✗ ${f.text} — expected ${f.expect.join(' or ')}, got ${f.got.length > 0 ? f.got.slice(0, o.within).join(', ') : 'nothing'}`);
    }
    say(`top-1 ${pct(report.top1)}, top-3 ${pct(report.top3)}; ${report.failures.length} of ${report.outcomes.length} not in the top ${o.within}`);
    if (report.failures.length > 0) throw new Error(`${report.failures.length} sentence(s) do not find their entry in the top ${o.within}`);
  } finally {
    conn.close();
    cleanup();
  }
}
