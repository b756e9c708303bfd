import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import MiniSearch from 'minisearch';
import { contentSet } from '../../content-bundle/model';
import { generateOperatorKey, publicPart } from '../../content-bundle/bundle/keys';
import { buildRoot, signBundle } from '../../content-bundle/bundle/metadata';
import { packBundle } from '../../content-bundle/bundle/pack';
import { openContentDb } from '../../content-bundle/db/read';
import { ContentSearch } from '../../services/content/search';
import { buildContentDb } from '../../content-bundle/db/build';
import { SentenceIndex } from '../../content-bundle/sentence/index';
import { loadSegmenter } from '../../content-bundle/sentence/segmenter';
import { readSentenceTestFile, runSentenceTests, type SentenceTestFile } from '../../content-bundle/sentence/test-file';
import { ContentStore, contentMigrations } from '../../services/content/store';
import { silentLogger } from '../../services/log/logger';
import { coreMigrations } from '../../services/store/core-migrations';
import { openStore } from '../../services/store/database';
import { sampleContent } from '../../content/src/index';
import { syntheticContent } from '../../content/src/synthetic';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};
const N = Number(process.env.BENCH_ITEMS ?? 20_000);
const QUERIES = ['社保', '食品', '药', '注销', '执照', '食品经营许可', '建筑工程施工', '狮山消防', 'shipin', 'gongjijin', 'sbdj', '道路运输经营', '营业执照', '特种设备使用', '许可证核发'];
const ROUNDS = 30;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
const fmt = (ms: number) => `${ms.toFixed(3)} ms`;
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MiB`;
const time = (f: () => void): number => {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
};
const latencies = (f: (q: string) => unknown) => {
  const out: number[] = [];
  for (let r = 0; r < ROUNDS; r++) for (const q of QUERIES) out.push(time(() => f(q)));
  return { p50: pct(out, 50), p95: pct(out, 95) };
};

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-content-'));
// jieba with its dictionary, loaded once per content version (timed before the build below loads its own).
const jiebaMs = time(() => loadSegmenter());
const sample = contentSet.parse(sampleContent);
// The sample's items ride along, so sentences of the development set have their right answers among 20,000 others.
const synthetic = syntheticContent(sample, N);
const content = { ...sample, items: [...sample.items, ...synthetic.items] };
console.log(`synthetic content: ${N} items + the ${sample.items.length} sample items`);

// 1. Index build (offline, at bundle build) and kiosk open (no rebuild).
const bundleDir = path.join(work, 'bundle');
let packed = { file: '', items: 0, bytes: 0 };
const buildMs = time(() => { packed = packBundle(content, bundleDir); });
const h0 = heap();
let db = openContentDb(packed.file);
let search = new ContentSearch(db);
const openMs = time(() => { db.close(); db = openContentDb(packed.file); search = new ContentSearch(db); });
const sqliteHeap = heap() - h0;
const sqlite = latencies((q) => search.search({ query: q, limit: 20 }));

// 2. Naive LIKE scans of the same data: the first 20 rows that contain the text (what a quick
// implementation returns, unranked), and the same ranked as the kiosk ranks (name > keywords >
// guide), which has to read every row: only the second gives the answer the kiosk gives.
const likeFirst = db.prepare("SELECT i.code FROM items i JOIN item_docs d ON d.rid = i.rid WHERE i.name_zh LIKE @q OR i.keyword_text LIKE @q OR d.doc LIKE @q LIMIT 20");
const likeRanked = db.prepare(`SELECT code FROM (SELECT i.code, i.rid, CASE WHEN i.name_zh LIKE @q THEN 3 WHEN i.keyword_text LIKE @q THEN 2 WHEN d.doc LIKE @q THEN 1 ELSE 0 END AS tier
  FROM items i JOIN item_docs d ON d.rid = i.rid) WHERE tier > 0 ORDER BY tier DESC, rid LIMIT 20`);
const scanFirst = latencies((q) => likeFirst.all({ q: `%${q}%` }));
const scan = latencies((q) => likeRanked.all({ q: `%${q}%` }));

// 3. In-memory MiniSearch configured for Chinese (unigram + bigram tokens).
const cjkTokens = (text: string) => {
  const out: string[] = [];
  for (const run of text.toLowerCase().match(/[\u3400-\u9fff]+|[a-z0-9]+/g) ?? []) {
    const cs = [...run];
    if (!/[\u3400-\u9fff]/.test(run)) { out.push(run); continue; }
    for (let i = 0; i < cs.length; i++) { out.push(cs[i] ?? ''); if (i + 1 < cs.length) out.push(`${cs[i]}${cs[i + 1]}`); }
  }
  return out;
};
const h1 = heap();
let mini: MiniSearch | null = null;
const miniBuildMs = time(() => {
  mini = new MiniSearch({ fields: ['name', 'keywords', 'body'], storeFields: ['code'], tokenize: cjkTokens, searchOptions: { boost: { name: 10, keywords: 5 }, combineWith: 'AND' } });
  mini.addAll(content.items.map((it, i) => ({ id: i, code: it.code, name: it.name.zh, keywords: it.keywords.join(' '), body: it.guide.materials.map((m) => m.name.zh).join(' ') + it.guide.conditions.map((c) => c.text.zh).join(' ') })));
});
const miniHeap = heap() - h1;
const ms = latencies((q) => (mini as unknown as MiniSearch).search(q).slice(0, 20));

console.log('\nsearch (limit 20, %d queries × %d rounds)', QUERIES.length, ROUNDS);
console.table({
  'SQLite FTS5 + grams (kiosk)': { p50: fmt(sqlite.p50), p95: fmt(sqlite.p95), 'index build': `${(buildMs / 1000).toFixed(1)} s (offline, bundle build)`, 'start-up': fmt(openMs), 'JS heap': mib(sqliteHeap), 'on disk': mib(packed.bytes) },
  "LIKE '%q%' scan, ranked": { p50: fmt(scan.p50), p95: fmt(scan.p95), 'index build': '-', 'start-up': '-', 'JS heap': '-', 'on disk': '(same file)' },
  "LIKE '%q%', first 20 rows": { p50: fmt(scanFirst.p50), p95: fmt(scanFirst.p95), 'index build': '-', 'start-up': '-', 'JS heap': '-', 'on disk': '(same file)' },
  'MiniSearch (in memory)': { p50: fmt(ms.p50), p95: fmt(ms.p95), 'index build': `${(miniBuildMs / 1000).toFixed(1)} s (every start)`, 'start-up': `${(miniBuildMs / 1000).toFixed(1)} s`, 'JS heap': mib(miniHeap), 'on disk': '-' },
});
console.log(`p95 goal ≤ 5 ms: ${sqlite.p95 <= 5 ? 'met' : 'NOT met'} (${fmt(sqlite.p95)}); vs the ranked scan: ${(scan.p95 / sqlite.p95).toFixed(1)}× faster at p95, ${(scan.p50 / sqlite.p50).toFixed(1)}× at p50 (goal ≥ 20×); vs the unranked first-20 scan: ${(scanFirst.p95 / sqlite.p95).toFixed(1)}× at p95; vs MiniSearch p95: ${(ms.p95 / sqlite.p95).toFixed(2)}×`);

// 4. 智能导办: hit rates of the development set on the sample catalogue (the held-out split is the
// one the lexicon was not built from), and the offline path's latency on the 20,000-item database.
const sentenceFiles = ['heldout', 'development'].map((f) => [f, readSentenceTestFile(path.join(import.meta.dirname, '..', 'sentences', `${f}.json`))] as const);
const everySentence: SentenceTestFile = { sentences: sentenceFiles.flatMap(([, f]) => f.sentences) };
const sampleDbFile = path.join(work, 'sample.db');
buildContentDb(sample, sampleDbFile);
const sampleDb = openContentDb(sampleDbFile);
const sampleIndex = new SentenceIndex(sampleDb);
const rates = Object.fromEntries(
  [...sentenceFiles, ['overall', everySentence] as const].map(([name, file]) => {
    const r = runSentenceTests(sampleIndex, file);
    return [name, { sentences: r.outcomes.length, 'top-1': `${(r.top1 * 100).toFixed(1)}%`, 'top-3': `${(r.top3 * 100).toFixed(1)}%` }];
  }),
);
sampleDb.close();
let sentenceIndex: SentenceIndex | null = null;
const sentenceOpenMs = time(() => { sentenceIndex = new SentenceIndex(db); });
const large = runSentenceTests(sentenceIndex!, everySentence); // warm-up, and the hit rate among look-alikes
// Wall time is what a person waits; CPU time is what the kiosk spends, which other load on a shared machine does not inflate.
const sentenceMs: number[] = [];
const sentenceCpuMs: number[] = [];
for (let r = 0; r < 10; r++) {
  for (const s of everySentence.sentences) {
    const cpu = process.cpuUsage();
    sentenceMs.push(time(() => sentenceIndex!.ask(s.text)));
    const used = process.cpuUsage(cpu);
    sentenceCpuMs.push((used.user + used.system) / 1000);
  }
}
const sentenceRows = (db.prepare('SELECT count(*) AS n FROM sentence_postings').get() as { n: number }).n;
console.log('\n智能导办 hit rates on the sample catalogue (right entry in the top 1 / top 3):');
console.table(rates);
console.log(`智能导办 latency, offline path, ${content.items.length} items, ${everySentence.sentences.length} sentences × 10 rounds: p50 ${fmt(pct(sentenceMs, 50))}, p95 ${fmt(pct(sentenceMs, 95))} (goal ≤ 20 ms: ${pct(sentenceMs, 95) <= 20 ? 'met' : 'NOT met'}), max ${fmt(Math.max(...sentenceMs))}`);
console.log(`  CPU time per sentence: p50 ${fmt(pct(sentenceCpuMs, 50))}, p95 ${fmt(pct(sentenceCpuMs, 95))}; p95 = ${(pct(sentenceMs, 95) / sqlite.p95).toFixed(1)}× the keyword search's p95 in this run; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);
console.log(`  open per content version: jieba with its dictionary ${fmt(jiebaMs)}, then the index ${fmt(sentenceOpenMs)}; ${sentenceRows} postings packed at bundle build`);
console.log(`  among the 20,000 synthetic look-alikes (copies of sample guides and keywords under other names): top-1 ${(large.top1 * 100).toFixed(1)}%, top-3 ${(large.top3 * 100).toFixed(1)}%`);
db.close();

// 5. Bundle verify + apply against raw SHA-256 throughput of the same bytes: the first install
// (every document checked), then the usual update, 1% of the items edited (only those checked).
const keys = [generateOperatorKey('a'), generateOperatorKey('b')];
const root = buildRoot({ version: 1, expires: new Date(Date.now() + 86_400_000), keys: keys.map(publicPart), threshold: 2 }, keys);
await signBundle(bundleDir, { version: 2, expires: new Date(Date.now() + 86_400_000), signers: keys, roots: [root] });
const updateDir = path.join(work, 'update');
const edited = { ...content, items: content.items.map((it, i) => (i % 100 === 7 ? { ...it, guide: { ...it.guide, timeLimits: { ...it.guide.timeLimits, promised: { ...it.guide.timeLimits.promised, value: 1 } } } } : it)) };
packBundle(edited, updateDir);
await signBundle(updateDir, { version: 3, expires: new Date(Date.now() + 86_400_000), signers: keys, roots: [root] });

const bytes = fs.readFileSync(packed.file);
const shaMs = Math.min(...[0, 1, 2].map(() => time(() => crypto.createHash('sha256').update(bytes).digest())));
const shaRate = bytes.length / 1024 / 1024 / (shaMs / 1000);
const dataDir = path.join(work, 'kiosk');
const store = openStore(dataDir, [...coreMigrations, ...contentMigrations]);
const cs = new ContentStore(store, dataDir, silentLogger());
cs.pinRoot(JSON.stringify(root));

const applyTimed = async (dir: string, label: string) => {
  const steps: Record<string, number> = {};
  let last = process.hrtime.bigint();
  let lastStep = 'start';
  const t0 = process.hrtime.bigint();
  const r = await cs.applyBundleDir(dir, 'bench', (step) => {
    const now = process.hrtime.bigint();
    steps[lastStep] = Number(now - last) / 1e6;
    last = now;
    lastStep = step;
  });
  steps[lastStep] = Number(process.hrtime.bigint() - last) / 1e6;
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const size = fs.statSync(path.join(dir, 'targets', 'content.db')).size;
  const rate = size / 1024 / 1024 / (ms / 1000);
  console.log(`\n${label}: ${mib(size)}, ${r.checkedItems} of ${r.items} item documents checked`);
  console.log(`  total ${fmt(ms)} (goal ≤ 2000 ms) — steps: ${Object.entries(steps).map(([k, v]) => `${k} ${v.toFixed(0)} ms`).join(', ')}`);
  console.log(`  ${rate.toFixed(0)} MiB/s = ${((rate / shaRate) * 100).toFixed(1)}% of raw SHA-256 (goal ≥ 50%)`);
};
console.log(`\nraw SHA-256 of the bundle's content file: ${fmt(shaMs)} = ${shaRate.toFixed(0)} MiB/s`);
await applyTimed(bundleDir, 'bundle verify + apply, first install');
await applyTimed(updateDir, 'bundle verify + apply, update with 1% of the items edited');
store.close();
fs.rmSync(work, { recursive: true, force: true });
