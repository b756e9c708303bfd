import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentApi } from '../../../contract/api/content';
import type { AskAnswer } from '../../../contract/api/ask';
import { createContentArea, contentMigrations, type ContentArea } from '../../../services/content/area';
import { UNFOUND_RETENTION, UnfoundSentences } from '../../../services/content/sentence/unfound-store';
import { buildSampleBundle, sampleVersion } from '../../../services/demo/sample-content';
import { createLogger } from '../../../services/log/logger';
import { coreMigrations } from '../../../services/store/core-migrations';
import { openStore } from '../../../services/store/database';
import { testAreaDeps, testConfig } from '../../support/kiosk-config';
import { tmp } from './fixtures';

/**
 * 智能导办 in the services: answers honour the contract and only name catalogue entries; a submitted
 * sentence that finds nothing is kept without personal data, counted and bounded; the hall's language
 * model (a recorded answer served over real HTTP) only reorders catalogue candidates, and when it
 * fails or is slow the offline order stands.
 */
const dataDir = tmp('ask');
const db = openStore(dataDir, [...coreMigrations, ...contentMigrations]);
const log = createLogger({ level: 'error' });
const recorded = fs.readFileSync(path.join(import.meta.dirname, 'recorded', 'assistant-chat-completion.json'), 'utf8');

/** The hall's model, faked: answers the recorded completion (or never, when `hang`), keeping each request. */
const requests: { url: string; body: { model: string; messages: { role: string; content: string }[] } }[] = [];
let hang = false;
const fake = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    requests.push({ url: req.url ?? '', body: JSON.parse(body) as (typeof requests)[number]['body'] });
    if (hang) return; // the kiosk's timeout must cut it short
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(recorded);
  });
});
let assistantUrl = '';

const area = (env: Record<string, string> = {}): ContentArea =>
  createContentArea(testAreaDeps({ config: testConfig({ KIOSK_DATA_DIR: dataDir, ...env }), db, log }), { sample: { version: sampleVersion, build: buildSampleBundle } });

const ask = async (a: ContentArea, input: Record<string, unknown>): Promise<AskAnswer> => {
  const r = await a.handlers['content.ask'](contentApi['content.ask'].input.parse(input), { via: 'test' });
  if (!r.ok) throw new Error(r.error.message);
  return contentApi['content.ask'].output.parse(r.value); // the answer honours the contract
};
const unfound = async (a: ContentArea, after = 0) => {
  const r = await a.handlers['content.unfoundSentences'](contentApi['content.unfoundSentences'].input.parse({ after }), { via: 'test' });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

let offline: ContentArea;
beforeAll(async () => {
  offline = area();
  await offline.start?.();
  await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
  assistantUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  await offline.stop?.();
  fake.close();
  db.close();
});

describe('content.ask', () => {
  it('answers a sentence with catalogue entries and reasons, and a catalogue word the sentence path does not read through the keyword search', async () => {
    const a = await ask(offline, { sentence: '我想开个奶茶店' });
    expect(a).toMatchObject({ sentence: true, via: 'offline', found: true, clarify: null });
    expect(a.results[0]).toMatchObject({ kind: 'package', ref: 'pkg_open_restaurant', lifeEvent: true });
    expect(a.results.find((r) => r.ref === 'NH-AMR-0301')).toMatchObject({ flowId: 'flow_food_licence', name: { zh: '食品经营许可（新办）' } });
    // Pinyin initials are the keyword search's: found there, and said so.
    const initials = await ask(offline, { sentence: 'yyzz' });
    expect(initials.via).toBe('keywords');
    expect(initials.results[0]?.why[0]?.zh).toBe('与您输入的“yyzz”相符');
  });

  it('keeps a submitted sentence that found nothing, scrubbed of the person’s name and numbers, once per sentence with a count', async () => {
    log.redactor.remember('黄小明'); // the session's name, registered as the session area does
    const said = '我是黄小明，电话13812345678，今天天气怎么样';
    expect((await ask(offline, { sentence: said, record: true })).found).toBe(false);
    await ask(offline, { sentence: said, record: true });
    await ask(offline, { sentence: '宠物寄养要什么手续', record: false }); // still typing: not kept
    await ask(offline, { sentence: '我想开个奶茶店', record: true }); // found: not kept
    const { sentences, next, retention } = await unfound(offline);
    expect(sentences).toHaveLength(1);
    expect(sentences[0]).toMatchObject({ text: '我是[personal],电话[phone],今天天气怎么样', count: 2 });
    expect(JSON.stringify(sentences)).not.toMatch(/黄小明|\d{5}/);
    expect(retention).toEqual(UNFOUND_RETENTION);
    // The console asks after the last seq it saw: a repeat comes again, nothing else does.
    expect((await unfound(offline, next)).sentences).toEqual([]);
    await ask(offline, { sentence: said, record: true });
    expect((await unfound(offline, next)).sentences.map((s) => s.count)).toEqual([3]);
    log.redactor.forgetAll();
  });
});

describe('unfound sentences are bounded', () => {
  it('keeps the newest entries only, and none older than the retention', () => {
    const store = openStore(tmp('unfound'), [...coreMigrations, ...contentMigrations]);
    let now = new Date('2026-12-01T09:00:00Z');
    const kept = new UnfoundSentences(store, () => now);
    for (let i = 0; i < UNFOUND_RETENTION.maxEntries + 5; i++) kept.record(`句子${i}`);
    const all = kept.list(0, 1000).sentences;
    expect(all).toHaveLength(UNFOUND_RETENTION.maxEntries);
    expect(all[0]?.text).toBe('句子5');
    now = new Date(now.getTime() + (UNFOUND_RETENTION.maxDays + 1) * 86_400_000);
    kept.record('新的一句');
    expect(kept.list(0, 1000).sentences.map((s) => s.text)).toEqual(['新的一句']);
    store.close();
  });
});

describe('the hall’s language model (optional, off by default)', () => {
  it('reorders the candidates it was shown and nothing else; the life event stays first and the reasons stay the kiosk’s', async () => {
    const a = area({ KIOSK_ASSIST_URL: assistantUrl, KIOSK_ASSIST_MODEL: 'qwen2.5-7b-instruct' });
    await a.start?.();
    requests.length = 0;
    const answer = await ask(a, { sentence: '我想开个奶茶店，电话13812345678' });
    expect(answer.via).toBe('assistant');
    // Recorded answer: 0302, an id that is not a candidate, 0301.
    expect(answer.results.map((r) => r.ref).slice(0, 3)).toEqual(['pkg_open_restaurant', 'NH-AMR-0302', 'NH-AMR-0301']);
    expect(answer.results.map((r) => r.ref)).not.toContain('NH-AMR-9999');
    expect(answer.results[1]?.why.map((w) => w.zh)).toEqual(expect.arrayContaining(['您说的“奶茶店”属于餐饮服务，通常需要办理“食品经营许可（延续）”', '本厅智能助手从目录中选出']));
    // What it was sent: an OpenAI-style chat completion with the scrubbed sentence and the candidates' ids and names.
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe('/v1/chat/completions');
    expect(requests[0]!.body.model).toBe('qwen2.5-7b-instruct');
    const user = JSON.parse(requests[0]!.body.messages.find((m) => m.role === 'user')!.content) as { sentence: string; candidates: { id: string; name: string }[] };
    expect(user.sentence).toBe('我想开个奶茶店,电话[phone]');
    expect(user.candidates.map((c) => c.id)).toEqual(expect.arrayContaining(['NH-AMR-0301', 'NH-AMR-0302']));
    expect(user.candidates.map((c) => c.id)).not.toContain('pkg_open_restaurant');
    await a.stop?.();
  });

  it('a slow model is cut short and the offline order stands', async () => {
    const a = area({ KIOSK_ASSIST_URL: assistantUrl, KIOSK_ASSIST_MODEL: 'qwen2.5-7b-instruct', KIOSK_ASSIST_TIMEOUT_MS: '300' });
    await a.start?.();
    hang = true;
    const answer = await ask(a, { sentence: '我想开个奶茶店' });
    hang = false;
    expect(answer.via).toBe('offline');
    expect(answer.results.map((r) => r.ref)).toEqual((await ask(offline, { sentence: '我想开个奶茶店' })).results.map((r) => r.ref));
    await a.stop?.();
  });
});
