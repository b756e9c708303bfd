import fs from 'node:fs';
import path from 'node:path';
import { checkContent, contentFiles, contentSet, type ContentIssue, type ContentSet } from '../model';
import { buildContentDb, type BuildProgress } from '../db/build';
import { TARGET_NAME, TARGETS_DIR } from './metadata';

export type LoadResult = { ok: true; content: ContentSet } | { ok: false; issues: ContentIssue[] };

/** Reads a content directory (one JSON file per kind), validates it and runs the flow/reference checks. */
export function loadContentDir(dir: string): LoadResult {
  const raw: Record<string, unknown> = {};
  const issues: ContentIssue[] = [];
  for (const [key, file] of Object.entries(contentFiles)) {
    const p = path.join(dir, file);
    if (!fs.existsSync(p)) {
      if (key === 'meta' || key === 'items' || key === 'departments') issues.push({ where: file, message: 'missing' });
      continue;
    }
    try {
      raw[key] = JSON.parse(fs.readFileSync(p, 'utf8'));
    } catch (err) {
      issues.push({ where: file, message: `not valid JSON: ${(err as Error).message}` });
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  const parsed = contentSet.safeParse(raw);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => ({ where: i.path.join('.'), message: i.message })) };
  const problems = checkContent(parsed.data);
  return problems.length > 0 ? { ok: false, issues: problems } : { ok: true, content: parsed.data };
}

/** Packs a validated content set into `<outDir>/targets/content.db` (unsigned; `signBundle` adds metadata). */
export function packBundle(content: ContentSet, outDir: string, onProgress?: BuildProgress): { file: string; items: number; bytes: number } {
  const file = path.join(outDir, TARGETS_DIR, TARGET_NAME);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return { file, ...buildContentDb(content, file, onProgress) };
}
