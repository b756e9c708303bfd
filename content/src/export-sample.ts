import fs from 'node:fs';
import path from 'node:path';
import { contentFiles, contentSet } from '../../content-bundle/model';
import { sampleContent } from './index';

/**
 * Writes content/sample/*.json from the TypeScript sources (`npx tsx content/src/export-sample.ts`).
 * The JSON is what the operator builds and what the kiosk embeds; a test checks they agree.
 */
export function renderSample(): Record<string, string> {
  contentSet.parse(sampleContent); // refuse to write content that does not validate
  const out: Record<string, string> = {};
  for (const [key, file] of Object.entries(contentFiles)) {
    out[file] = `${JSON.stringify((sampleContent as Record<string, unknown>)[key], null, 2)}\n`;
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const dir = path.resolve(import.meta.dirname, '..', 'sample');
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(renderSample())) fs.writeFileSync(path.join(dir, file), text);
  console.log(`wrote ${Object.keys(renderSample()).length} files to ${dir}`);
}
