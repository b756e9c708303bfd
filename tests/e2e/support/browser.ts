import fs from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { projectRoot } from './kiosk-process';

export const artifactsDir = path.join(projectRoot, 'tests', 'artifacts');
export const CHROMIUM = process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with background networking off (this machine has no internet). */
/**
 * Chromium as the kiosk runs it. `fakeCamera`: Chromium's fake capture devices, the camera fed from
 * this .y4m file (a camera test draws its own page into one); `fakeCamera: null` keeps the fake
 * microphone but no video file (Chromium's own test pattern).
 */
export function launchChromium(o: { fakeCamera?: string | null } = {}): Promise<Browser> {
  const camera =
    o.fakeCamera === undefined
      ? []
      : ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', ...(o.fakeCamera ? [`--use-file-for-fake-video-capture=${o.fakeCamera}`] : [])];
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      ...camera,
    ],
  });
}

export const PORTRAIT = { width: 1080, height: 1920 } as const;
export const LANDSCAPE = { width: 1920, height: 1080 } as const;

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });
}

/** axe-core on the current screen: serious or critical findings fail the test, naming each rule. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // axe-core runs inside the page, injected once per document (a string evaluated over CDP is not subject to
  // the page's CSP). The app has no frames, so nothing is missed; @axe-core/playwright injected axe again and
  // opened a helper page on every scan, which cost about 1.2 s a scan against 0.1 s here.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const run = (window as unknown as { axe: typeof axe }).axe.run;
    const r = await run(document, { resultTypes: ['violations'], iframes: false });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  const blocking = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${screen}: ${v.id} (${v.impact}) on ${v.targets.slice(0, 3).join(', ')}`);
  expect(blocking).toEqual([]);
}

/** Every visible button and link is at least 60 px high and wide: a finger must be able to hit it. */
export async function expectTouchTargets(page: Page): Promise<void> {
  const small = await page.$$eval('button, a[href], [role="button"], input, select', (els) =>
    els
      .filter((el) => (el as HTMLElement).offsetParent !== null && !el.classList.contains('skip-link'))
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.height < 59.5 || r.width < 59.5)
      .map(({ el, r }) => `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 20)}" ${Math.round(r.width)}x${Math.round(r.height)}`),
  );
  expect(small).toEqual([]);
}

/**
 * One screen as a person would meet it: axe and touch targets in normal mode, axe again in
 * large-font mode, and a screenshot of each under tests/artifacts/<name>[-large-font].png.
 */
export async function expectScreen(page: Page, name: string): Promise<void> {
  await expectAccessible(page, name);
  await expectTouchTargets(page);
  await screenshot(page, name);
  await page.evaluate(() => document.documentElement.classList.add('large-font'));
  await expectAccessible(page, `${name} (large font)`);
  await screenshot(page, `${name}-large-font`);
  await page.evaluate(() => document.documentElement.classList.remove('large-font'));
}

/** What an answer of the bridge looks like to a test (the value's shape is the caller's to state). */
export interface PageAnswer<T> {
  readonly ok: boolean;
  readonly value: T;
  readonly error?: { readonly code: string; readonly messageKey?: string; readonly message?: string };
}

/**
 * Calls a bridge method from inside the kiosk page, as the page itself does: with the capability the
 * host wrote into it. Answers the bridge's result, refusals included.
 */
export function callAsPage<T = unknown>(page: Page, method: string, input: unknown = {}): Promise<PageAnswer<T>> {
  return page.evaluate(
    async ([m, i]) => {
      const capability = document.querySelector<HTMLMetaElement>('meta[name="kiosk-capability"]')?.content ?? '';
      const r = await fetch(`/api/${m}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Kiosk-Capability': capability }, body: JSON.stringify(i) });
      return (await r.json()) as PageAnswer<T>;
    },
    [method, input] as const,
  );
}
