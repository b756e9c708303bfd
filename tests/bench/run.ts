import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** `npm run bench [area]`: runs tests/bench/<area>.bench.ts (all of them when no area is named). */
const dir = import.meta.dirname;
const areas = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((a) => !areas.includes(a));
if (unknown.length > 0) {
  console.error(`unknown benchmark area: ${unknown.join(', ')}; known: ${areas.join(', ') || '(none yet)'}`);
  process.exit(2);
}
const run = wanted.length > 0 ? wanted : areas;
if (run.length === 0) console.log('no benchmarks defined yet');
let failed = false;
for (const area of run) {
  console.log(`\n== bench ${area} ==`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, `${area}.bench.ts`)], { stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
