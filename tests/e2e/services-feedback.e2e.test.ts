import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectScreen, LANDSCAPE, launchChromium } from './support/browser';
import { startKiosk, type KioskProcess } from './support/kiosk-process';
import { connectPlatform, platformDown, platformRecords, platformUp, type PlatformSim } from './support/platform';

/**
 * 办不成事 反映 in Chromium against the Node host and the platform simulator: reached from home and
 * from 帮办, refused until it says what happened, and received by the platform's problem desk, also
 * when the platform was down at the time.
 */
let kiosk: KioskProcess;
let browser: Browser;
let platform: PlatformSim;

beforeAll(async () => {
  [kiosk, browser] = await Promise.all([startKiosk(), launchChromium()]);
  platform = await connectPlatform(kiosk.url);
});
afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

const open = async (path: string) => {
  const page = await (await browser.newContext({ viewport: LANDSCAPE })).newPage();
  await page.goto(`${kiosk.url}${path}`);
  await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 60_000 });
  return page;
};

describe('办不成事 反映', { timeout: 150_000 }, () => {
  it('a report about an item reaches the platform with what happened and a phone to call back', async () => {
    const page = await open('/');
    await page.getByTestId('service-help').click();
    await page.getByTestId('help-feedback').click();
    await page.getByTestId('feedback').waitFor();
    await expectScreen(page, 'services-feedback');

    await page.getByTestId('feedback-send').click();
    expect(await page.getByTestId('feedback-problem').textContent()).toContain('请选择');
    await page.getByTestId('feedback-category-cannot-apply').click();
    await page.getByTestId('feedback-send').click();
    expect(await page.getByTestId('feedback-problem').textContent()).toContain('说明');

    await page.getByTestId('feedback-description').fill('自助终端上找不到个体户变更经营者的事项');
    await page.getByTestId('feedback-mobile').fill('1380013');
    await page.getByTestId('feedback-mobile-error').waitFor();
    await page.getByTestId('feedback-mobile').fill('13800138000');
    expect(await page.getByTestId('feedback-mobile-error').count()).toBe(0);
    const before = (await platformRecords(platform)).feedback.length;
    await page.getByTestId('feedback-send').click();
    await page.getByTestId('feedback-sent').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('feedback-sent').getAttribute('data-status')).toBe('delivered');
    expect(await page.getByTestId('feedback-sent').textContent()).toContain('已收到您的反映');
    await expectScreen(page, 'services-feedback-sent');

    await expect.poll(async () => (await platformRecords(platform)).feedback.length, { timeout: 20_000 }).toBe(before + 1);
    expect((await platformRecords(platform)).feedback.at(-1)).toMatchObject({
      category: 'cannot-apply',
      description: '自助终端上找不到个体户变更经营者的事项',
      contactMobile: '13800138000',
    });
    await page.context().close();
  });

  it('with the platform down, the report is kept and delivered once it is back', async () => {
    // From the item's own page: the report names the matter it is about.
    const page = await open('/item/NH-AMR-0301');
    await page.getByTestId('item-feedback').click();
    await page.getByTestId('feedback').waitFor();
    expect(await page.getByTestId('feedback-item').textContent({ timeout: 20_000 })).toContain('食品经营许可');
    const before = (await platformRecords(platform)).feedback.length;
    await platformDown(platform);
    try {
      await page.getByTestId('feedback-category-unclear-guide').click();
      await page.getByTestId('feedback-description').fill('材料清单里的“布局图”不知道要画到什么程度');
      await page.getByTestId('feedback-send').click();
      await page.getByTestId('feedback-sent').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('feedback-sent').getAttribute('data-status')).toBe('queued');
      expect(await page.getByTestId('feedback-sent').textContent()).toContain('网络恢复后会自动送达');
    } finally {
      await platformUp(platform);
    }
    await expect.poll(async () => (await platformRecords(platform)).feedback.length, { timeout: 60_000 }).toBe(before + 1);
    expect((await platformRecords(platform)).feedback.at(-1)).toMatchObject({ category: 'unclear-guide', itemCode: 'NH-AMR-0301' });
    await page.context().close();
  });
  it('a person who ends their visit is asked on the home screen whether it got done; one tap reports about the item they were on', async () => {
    const page = await open('/item/NH-AMR-0301');
    await page.getByTestId('item-feedback').waitFor();
    await page.getByTestId('logout').click();
    await page.getByTestId('after-visit').waitFor();
    await expectScreen(page, 'home-after-visit');
    await page.getByTestId('after-visit-feedback').click();
    await page.getByTestId('feedback').waitFor();
    expect(await page.getByTestId('feedback-item').textContent({ timeout: 20_000 })).toContain('食品经营许可');
    // Asked once: back on the home screen, the question is gone.
    await page.goBack();
    await page.getByTestId('home-welcome').waitFor();
    expect(await page.getByTestId('after-visit').count()).toBe(0);
    await page.context().close();
  });
});
