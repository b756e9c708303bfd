import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { samplePaths } from '../config';
import { readOperatorKey } from '../../content-bundle/bundle/keys';
import { signBundle } from '../../content-bundle/bundle/metadata';
import { loadContentDir, packBundle } from '../../content-bundle/bundle/pack';

export const sampleVersion = (): number =>
  (JSON.parse(fs.readFileSync(path.join(samplePaths.contentDir, 'version.json'), 'utf8')) as { version: number }).version;

/**
 * Builds and signs the embedded sample content with the sample keys (threshold 2) into a temporary
 * bundle directory, to be applied through exactly the same verification as any other bundle.
 */
export async function buildSampleBundle(version = sampleVersion()): Promise<string> {
  const loaded = loadContentDir(samplePaths.contentDir);
  if (!loaded.ok) throw new Error(`sample content is invalid: ${loaded.issues.map((i) => `${i.where}: ${i.message}`).join('; ')}`);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-sample-bundle-'));
  packBundle(loaded.content, out);
  const signers = fs
    .readdirSync(samplePaths.keysDir)
    .filter((f) => f.endsWith('.key.json'))
    .sort()
    .slice(0, 2)
    .map((f) => readOperatorKey(path.join(samplePaths.keysDir, f)));
  const root = JSON.parse(fs.readFileSync(samplePaths.root, 'utf8')) as Record<string, unknown>;
  await signBundle(out, { version, expires: new Date(Date.now() + 365 * 86_400_000), signers, roots: [root] });
  return out;
}
