import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectTouchTargets, LANDSCAPE, launchChromium, PORTRAIT, screenshot } from './support/browser';
import { kioskApi, startKiosk, type KioskProcess, pageCapability } from './support/kiosk-process';

/**
 * The information services in Chromium against the Node host and its sample content: home screen,
 * 惠企政策 for an identified enterprise, 就近办, 一件事 packages, settings, and the spoken read-out.
 * Expected values come from the kiosk's own API (the content the kiosk serves), never hard-coded lists.
 */
let kiosk: KioskProcess;
let browser: Browser;

beforeAll(async () => {
  [kiosk, browser] = await Promise.all([startKiosk(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

const api = <T>(method: string, input: unknown = {}): Promise<T> => kioskApi<T>(kiosk, method, input);

async function open(path: string, viewport: { width: number; height: number } = LANDSCAPE): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  await page.goto(`${kiosk.url}${path}`);
  await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 60_000 });
  return page;
}

async function checkScreen(page: Page, name: string): Promise<void> {
  await screenshot(page, `services-${name}`);
  await expectAccessible(page, name);
  await expectTouchTargets(page);
  await page.getByTestId('toggle-large-font').click();
  await screenshot(page, `services-${name}-large-font`);
  await expectAccessible(page, `${name} (large font)`);
  await page.getByTestId('toggle-large-font').click();
}

const ENTERPRISE = '91440605MA4UL2K84H'; // a sample enterprise of the platform simulator
const OTHER_ENTERPRISE = '91440605MA51C7QX76';

describe('information services in Chromium', { timeout: 150_000 }, () => {
  it('home: stage tiles from the catalogue, the search box, service tiles and device status in words', async () => {
    const catalogue = await api<{ stages: Array<{ stage: string; count: number }> }>('content.catalogue');
    const stages = catalogue.stages.filter((s) => s.count > 0);
    expect(stages.length).toBeGreaterThan(2);
    const page = await open('/');
    await page.getByTestId(`stage-${stages[0]!.stage}`).waitFor();
    const tiles = await page.locator('[data-testid="stage-tiles"] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(tiles).toEqual(stages.map((s) => `/stage/${s.stage}`));
    for (const key of ['packages', 'policies', 'queue', 'progress', 'help', 'nearby', 'appointment']) {
      expect(await page.getByTestId(`service-${key}`).count()).toBe(1);
    }
    await expect
      .poll(() => page.locator('[data-testid="device-status"] [data-role="printer"]').textContent(), { timeout: 30_000 })
      .toContain('凭条打印机：正常');
    await checkScreen(page, 'home');

    await page.getByTestId('home-search-input').fill('营业执照');
    await page.getByTestId('home-search-submit').click();
    await expect.poll(() => decodeURIComponent(new URL(page.url()).search)).toBe('?q=营业执照');
    expect(new URL(page.url()).pathname).toBe('/search');
    await page.context().close();

    const portrait = await open('/', PORTRAIT);
    await portrait.getByTestId(`stage-${stages[0]!.stage}`).waitFor();
    expect(await portrait.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(portrait, 'services-home-portrait');
    // Large font on a portrait screen: every 便民服务 tile (取号, 帮办…) is on the first screen, no scrolling.
    await portrait.getByTestId('toggle-large-font').click();
    const bottoms = await portrait.locator('[data-testid^="service-"]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().bottom));
    expect(bottoms.length).toBeGreaterThan(6);
    expect(Math.max(...bottoms)).toBeLessThanOrEqual(PORTRAIT.height);
    await screenshot(portrait, 'services-home-portrait-large-font');
    await expectAccessible(portrait, 'home, portrait, large font');
    await expectTouchTargets(portrait);
    await portrait.context().close();
  });

  it('browse: a stage tile lists the items of that stage, and a department narrows them, with nothing typed', async () => {
    const catalogue = await api<{ stages: Array<{ stage: string; count: number }> }>('content.catalogue');
    const stage = catalogue.stages.reduce((a, b) => (b.count > a.count ? b : a));
    const listed = await api<{ hits: Array<{ code: string; name: string; departmentId: string }> }>('content.search', { query: '', stage: stage.stage, limit: 30 });
    expect(listed.hits).toHaveLength(Math.min(30, stage.count));

    const page = await open('/');
    await page.getByTestId(`stage-${stage.stage}`).click();
    await expect.poll(() => page.getByTestId('search-hit').count()).toBe(listed.hits.length);
    expect(await page.getByTestId('search-hit').allTextContents()).toEqual(listed.hits.map((h) => h.name));
    expect(await page.getByTestId('search-empty').count()).toBe(0);
    await checkScreen(page, 'browse-stage');

    // 返回 in the top bar: a kiosk has no browser buttons.
    await page.getByTestId('search-hit').first().click();
    await page.getByTestId('item-title').waitFor();
    await page.getByTestId('nav-back').click();
    await expect.poll(() => page.getByTestId('search-hit').count()).toBe(listed.hits.length);

    // The department filter is folded into one button that says what is chosen; it opens the list.
    const department = listed.hits[0]!.departmentId;
    await page.getByTestId('filter-department-toggle').click();
    await page.getByTestId(`filter-department-${department}`).click();
    const inDepartment = listed.hits.filter((h) => h.departmentId === department).map((h) => h.name);
    await expect.poll(() => page.getByTestId('search-hit').allTextContents()).toEqual(inDepartment);
    // Choosing closed the list, and the stage chosen on home is kept.
    expect(await page.getByTestId(`filter-department-${department}`).isVisible()).toBe(false);
    expect(await page.getByTestId('filter-department-toggle').getAttribute('aria-expanded')).toBe('false');
    expect(new URL(page.url()).searchParams.get('stage')).toBe(stage.stage);

    // Nothing typed and nothing chosen: an invitation, not "nothing found".
    await page.goto(`${kiosk.url}/search`);
    await page.getByTestId('search-prompt').waitFor();
    expect(await page.getByTestId('search-empty').count()).toBe(0);
    expect(await page.getByTestId('results-count').count()).toBe(0);
    await page.context().close();
  });

  it('惠企政策: the identified enterprise sees the policies it matches, 免申即享 marked, with the reasons', async () => {
    const profile = await api<Record<string, unknown>>('platform.enterprise', { creditCode: ENTERPRISE });
    const { policies } = await api<{ policies: Array<{ policy: { id: string }; matched: boolean | null; noApplication: boolean }> }>(
      'content.policies',
      { profile },
    );
    const matched = policies.filter((p) => p.matched === true);
    expect(matched.length).toBeGreaterThan(0);

    const page = await open('/policies');
    await page.getByTestId('policy-list').waitFor();
    await checkScreen(page, 'policies-all');
    await page.getByTestId('policy-credit-code').fill('91440605MA4UL2K84');
    await page.getByTestId('policy-match').click();
    await page.getByTestId('policy-code-error').waitFor();

    await page.getByTestId('policy-credit-code').fill(ENTERPRISE);
    await page.getByTestId('policy-match').click();
    await page.getByTestId('matched-heading').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('matched-heading').textContent()).toContain(`（${matched.length} 项）`);
    expect(await page.getByTestId('policies-enterprise').textContent()).toContain(String(profile.name));
    const shown = await page.locator('[data-testid="policy-list"] > li').evaluateAll((lis) =>
      lis.map((li) => ({ id: li.getAttribute('data-testid'), noApplication: li.getAttribute('data-no-application') === 'true' })),
    );
    expect(shown.map((s) => s.id).sort()).toEqual(matched.map((p) => `policy-${p.policy.id}`).sort());
    // 免申即享 first, and marked.
    const free = matched.filter((p) => p.noApplication).length;
    expect(shown.slice(0, free).every((s) => s.noApplication)).toBe(true);
    expect(await page.locator('[data-testid="policy-list"] [data-testid="badge-no-application"]').count()).toBe(free);
    // Why it matches: every reason of a matched policy is met.
    const reasons = page.locator('[data-testid="policy-list"] [data-testid="policy-reason"]');
    expect(await reasons.count()).toBeGreaterThan(0);
    expect(await reasons.evaluateAll((els) => els.every((e) => e.getAttribute('data-passed') === 'true'))).toBe(true);
    // Every reason on the screen is in words, never rule code.
    expect((await page.locator('.why li, .others li').allTextContents()).some((r) => /[{}"]|containsAny|\beq\b/.test(r))).toBe(false);
    await checkScreen(page, 'policies-matched');

    // Another enterprise can be checked without leaving the screen.
    const other = await api<{ name: string }>('platform.enterprise', { creditCode: OTHER_ENTERPRISE });
    await page.getByTestId('policy-other-enterprise').click();
    await page.getByTestId('policy-credit-code').fill(OTHER_ENTERPRISE);
    await page.getByTestId('policy-match').click();
    await expect.poll(() => page.getByTestId('policies-enterprise').textContent(), { timeout: 20_000 }).toContain(other.name);
    await page.context().close();
  });

  it('就近办: lists the service points that handle the chosen item, with their hours', async () => {
    const page = await open('/service-points');
    await page.getByTestId('points-item-picker-query').fill('有限责任公司');
    await page.getByTestId('points-item-picker-find').click();
    const hit = page.locator('[data-testid^="points-item-picker-hit-"]').first();
    await hit.waitFor({ timeout: 20_000 });
    const code = (await hit.getAttribute('data-testid'))!.replace('points-item-picker-hit-', '');
    await hit.click();
    await expect.poll(() => new URL(page.url()).searchParams.get('itemCode')).toBe(code);
    const { points } = await api<{ points: Array<{ id: string; itemCodes: string[] }> }>('content.servicePoints', { itemCode: code });
    expect(points.length).toBeGreaterThan(0);
    expect(points.every((p) => p.itemCodes.includes(code))).toBe(true);
    await page.getByTestId('points-count').waitFor();
    const shown = await page.locator('[data-testid^="point-sp"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(shown.sort()).toEqual(points.map((p) => `point-${p.id}`).sort());
    const hours = await page.getByTestId('point-hours').allTextContents();
    expect(hours.every((h) => /\d{1,2}:\d{2}/.test(h))).toBe(true);
    await checkScreen(page, 'service-points');
    await page.context().close();
  });

  it('一件事: shows the package, its items and the merged material list', async () => {
    const catalogue = await api<{ packages: Array<{ id: string; itemCodes: string[]; mergedMaterials: Array<{ sharedBy: string[] }> }> }>('content.catalogue');
    const pkg = catalogue.packages[0]!;
    const page = await open('/packages');
    await checkScreen(page, 'packages');
    await page.getByTestId(`package-${pkg.id}`).click();
    await page.getByTestId('package-materials').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid="package-items"] > li').count()).toBe(pkg.itemCodes.length);
    const materials = page.locator('[data-testid="package-materials"] > li');
    expect(await materials.count()).toBe(pkg.mergedMaterials.length);
    expect(await page.locator('[data-testid="package-materials"] > li[data-shared="true"]').count()).toBe(
      pkg.mergedMaterials.filter((m) => m.sharedBy.length > 0).length,
    );
    // Every reference resolved to a material name, none left as a raw `code:id`.
    expect((await materials.allTextContents()).some((t) => /[A-Z]+-[A-Z]+-\d+:/.test(t))).toBe(false);
    await checkScreen(page, 'package');
    // Each item of the package opens its guide.
    const first = await api<{ item: { name: { zh: string } } }>('content.item', { code: pkg.itemCodes[0] });
    await page.getByTestId(`package-item-${pkg.itemCodes[0]}`).click();
    await expect.poll(() => page.getByTestId('item-title').textContent()).toBe(first.item.name.zh);
    await page.context().close();
  });

  it('an item the kiosk cannot file: says where it can be done, its guided flow still tells what applies, and booking is one tap', async () => {
    type Item = { code: string; name: { zh: string }; kioskFilable: boolean; flowId?: string; channels: Array<{ kind: string }> };
    const catalogue = await api<{ stages: Array<{ stage: string }> }>('content.catalogue');
    const codes = new Set<string>();
    for (const { stage } of catalogue.stages) {
      for (const h of (await api<{ hits: Array<{ code: string }> }>('content.search', { query: '', stage, limit: 50 })).hits) codes.add(h.code);
    }
    const items = await Promise.all([...codes].map(async (code) => (await api<{ item: Item }>('content.item', { code })).item));
    const item = items.find((i) => !i.kioskFilable && i.flowId);
    expect(item).toBeDefined();

    const page = await open(`/item/${item!.code}`);
    await page.getByTestId('item-window-only').waitFor();
    const note = (await page.getByTestId('item-window-only').textContent()) ?? '';
    const channelNames: Record<string, string> = { window: '窗口办理', online: '网上办理', mail_in: '邮寄申请', mobile: '移动端' };
    for (const c of item!.channels.filter((x) => x.kind !== 'self_service_kiosk')) expect(note).toContain(channelNames[c.kind]);
    expect(await page.getByTestId('item-start').count()).toBe(0);
    await checkScreen(page, 'item-window-only');

    await page.getByTestId('item-guide').click();
    await page.getByTestId('flow-question').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/flow/${item!.flowId}`);
    await page.goBack();
    await page.getByTestId('item-book').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('itemCode')).toBe(item!.code);
    await page.context().close();
  });

  it('anyone can walk a guided flow without identifying: terms come with examples, the outcome links what comes first and next, and the tailored list prints', async () => {
    const page = await open('/flow/flow_food_licence');
    await page.getByTestId('flow-option-enterprise').click();
    // 热食类 is a term of art: everyday examples stand under it.
    expect(await page.getByTestId('flow-example-hot_food').textContent()).toContain('炒菜');
    await page.getByTestId('flow-option-hot_food').check();
    await page.getByTestId('flow-multi-next').click();
    await page.getByTestId('flow-option-no').click();
    await page.getByTestId('flow-option-agent').click();
    await page.getByTestId('flow-outcome').waitFor();
    expect(new URL(page.url()).pathname).toBe('/flow/flow_food_licence');
    await page.getByTestId('flow-materials').waitFor();
    const first = await api<{ item: { name: { zh: string } } }>('content.item', { code: 'NH-AMR-0101' });
    await expect.poll(() => page.getByTestId('flow-prerequisites').textContent()).toContain(first.item.name.zh);
    expect(await page.getByTestId('flow-next-steps').textContent()).toContain('消防安全检查');
    await checkScreen(page, 'flow-outcome-links');
    await page.getByTestId('flow-print').click();
    await page.getByTestId('flow-print-outcome').waitFor({ timeout: 20_000 });
    // The prerequisite is one tap from its guide.
    await page.getByTestId('flow-prerequisites-NH-AMR-0101').click();
    await expect.poll(() => page.getByTestId('item-title').textContent()).toBe(first.item.name.zh);
    await page.context().close();
  });

  it('a guided flow that ends in "nothing to apply for" says so; one that needs staff offers 取号, booking and 帮办', async () => {
    type Node = { kind: string; result?: string; options?: Array<{ value: string }>; routes?: Array<{ when?: { eq?: string }; goto: string }> };
    const { flow } = await api<{ flow: { id: string; start: string; nodes: Record<string, Node> } }>('content.flow', { id: 'flow_road_freight' });
    const start = flow.nodes[flow.start]!;
    const leadsTo = (node: Node, result: string) => node.routes?.find((r) => flow.nodes[r.goto]?.result === result)?.when?.eq;
    const notNeeded = leadsTo(start, 'not_needed');
    expect(notNeeded).toBeDefined();

    const page = await open(`/flow/${flow.id}`);
    await page.getByTestId(`flow-option-${notNeeded}`).click();
    await page.getByTestId('flow-not-needed').waitFor();
    expect(await page.getByTestId('flow-window-ways').count()).toBe(0);
    await checkScreen(page, 'flow-not-needed');

    // Back, then down the path that ends at a window.
    await page.getByTestId('flow-back').click();
    for (let node = flow.nodes[flow.start]!; node.kind !== 'outcome'; ) {
      const route = node.routes!.find((r) => flow.nodes[r.goto]?.result === 'refer_to_window') ?? node.routes!.find((r) => flow.nodes[r.goto]?.kind !== 'outcome')!;
      const value = route.when?.eq ?? node.options!.map((o) => o.value).find((v) => !node.routes!.some((r) => r.when?.eq === v))!;
      await page.getByTestId(`flow-option-${value}`).click();
      node = flow.nodes[route.goto]!;
    }
    await page.getByTestId('flow-window-ways').waitFor();
    expect(await page.locator('[data-testid="flow-window-ways"] a').count()).toBe(3);
    await checkScreen(page, 'flow-window');
    await page.context().close();
  });

  it('read-out: the current screen is spoken as audio (services speak it when the system has no voice)', async () => {
    const page = await open('/');
    const voices = await page.evaluate(() => speechSynthesis.getVoices().filter((v) => v.lang.startsWith('zh')).length);
    const spoken = voices === 0 ? page.waitForResponse((r) => r.url().endsWith('/api/speech.speak'), { timeout: 30_000 }) : null;
    await page.getByTestId('read-aloud').click();
    const audio = page.getByTestId('read-aloud-audio');
    if (spoken) {
      const answer = (await (await spoken).json()) as { ok: boolean; value: { audioBase64: string; bytes: number } };
      const wav = Buffer.from(answer.value.audioBase64, 'base64');
      expect(wav.subarray(0, 4).toString('ascii')).toBe('RIFF');
      expect(wav.subarray(8, 12).toString('ascii')).toBe('WAVE');
      expect(wav.length).toBeGreaterThan(20_000); // seconds of speech, not an empty file
      await expect.poll(async () => Number(await audio.getAttribute('data-bytes')), { timeout: 30_000 }).toBe(wav.length);
      expect(await audio.getAttribute('data-via')).toBe('service');
      // Chromium itself decodes what the <audio> element was given: a playable clip of that length.
      const media = await audio.evaluate(
        (el: HTMLAudioElement) =>
          new Promise<{ src: string; duration: number }>((resolve) => {
            const done = (): void => resolve({ src: el.src.slice(0, 5), duration: el.duration });
            if (el.readyState >= 1) done();
            else el.addEventListener('loadedmetadata', done, { once: true });
          }),
      );
      expect(media.src).toBe('blob:');
      // 16-bit mono WAV: duration ≈ data bytes / (2 × sample rate).
      const sampleRate = wav.readUInt32LE(24);
      expect(media.duration).toBeCloseTo((wav.length - 44) / (2 * sampleRate), 0);
    } else {
      expect(await audio.getAttribute('data-via')).toBe('system');
    }
    // English screens are read in English.
    await page.getByTestId('read-aloud').click(); // stop
    await page.getByTestId('toggle-language').click();
    await page.getByTestId('read-aloud').click();
    if (voices === 0) {
      await expect.poll(async () => Number(await audio.getAttribute('data-bytes')), { timeout: 30_000 }).toBeGreaterThan(0);
    }
    await page.context().close();

    // The service refuses what it must not speak, whole.
    const res = await fetch(`${kiosk.url}/api/speech.speak`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: kiosk.url, 'x-kiosk-capability': await pageCapability(kiosk.url) },
      body: JSON.stringify({ text: 'x'.repeat(601), lang: 'zh-CN' }),
    });
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid-request');
    // Text is spoken, never taken as espeak-ng options: this writes no file and still yields speech.
    const target = path.join(os.tmpdir(), `speech-option-${process.pid}.wav`);
    const optionLike = await api<{ bytes: number; audioBase64: string }>('speech.speak', { text: `-w ${target} --version`, lang: 'en' });
    expect(Buffer.from(optionLike.audioBase64, 'base64').subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(optionLike.bytes).toBeGreaterThan(10_000);
    expect(fs.existsSync(target)).toBe(false);
  });

  it('settings passes axe in both display modes', async () => {
    const page = await open('/settings');
    await checkScreen(page, 'settings');
    await page.context().close();
  });
});
