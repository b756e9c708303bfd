import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectTouchTargets, LANDSCAPE, PORTRAIT, screenshot } from './support/browser';
import { startJourneyEnv, type JourneyEnv } from './support/journey-env';
import { insertCard, removeCard } from './support/simulators';

/**
 * The on-screen keyboard as a person on a touchscreen meets it: keys type and never submit, the
 * field and its keyboard are both on screen, identifier fields get an identifier layout, the pinyin
 * candidates page through every character, and 下一步 on a form goes to the first problem.
 */
let env: JourneyEnv;

beforeAll(async () => {
  env = await startJourneyEnv();
}, 120_000);
afterAll(async () => env?.stop());

const ENTERPRISE = '91440605MA4UL2K84H'; // a sample enterprise of the platform simulator
const CHANGE_FORM = '/form/f_company_change?item=NH-AMR-0202';

async function open(path: string, viewport: { width: number; height: number } = LANDSCAPE, largeFont = false): Promise<Page> {
  const page = await (await env.browser.newContext({ viewport })).newPage();
  await page.goto(`${env.kiosk.url}${path}`);
  await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 60_000 });
  if (largeFont) await page.getByTestId('toggle-large-font').click();
  return page;
}

/** The 变更 form, reached as a person does: 身份核验 first (card and credit code), which brings them back. */
async function openForm(viewport: { width: number; height: number }, largeFont = false, formPath = CHANGE_FORM, role: 'agent' | 'legal_rep' = 'agent'): Promise<Page> {
  // The previous test's card is lifted before this visit starts, as the last person would take it: lifting
  // it during the visit would raise the card-removal countdown over the screen until it is read again.
  await removeCard(env.sims);
  const page = await open(formPath, viewport, largeFont);
  await expect.poll(() => path(page)).toBe('/identify');
  await insertCard(env.sims, 'valid');
  await expect.poll(() => page.getByTestId('identify-person').textContent(), { timeout: 20_000 }).toContain('黄*试');
  await page.getByTestId('credit-code-input').fill(ENTERPRISE);
  await page.getByTestId('credit-code-submit').click();
  await expect.poll(() => page.getByTestId('identify-enterprise').textContent(), { timeout: 15_000 }).toContain('粤味轩餐饮');
  await page.getByTestId(`role-${role}`).click();
  await page.getByTestId('identify-continue').click();
  const formId = new URL(formPath, 'http://x').pathname;
  await expect.poll(() => path(page)).toBe(formId);
  await page.getByTestId(formId === '/form/f_company_change' ? 'field-after' : 'field-premises').waitFor();
  // The form shows before the card holder's details are in; the prefill (name from the card) lands a moment later.
  await page.getByTestId('field-agentName-prefilled').waitFor();
  return page;
}

const key = (page: Page, k: string): Locator => page.locator(`[data-testid="keyboard"] [data-skbtn="${k}"]`);
async function press(page: Page, keys: string): Promise<void> {
  for (const k of keys) await key(page, k).click();
}
function path(page: Page): string {
  return new URL(page.url()).pathname;
}

/**
 * Finds a candidate as a person would, turning pages with 下一页 until it shows; checks on every page
 * that the candidates stay in one row. Answers how many pages were turned.
 */
async function pickCandidate(page: Page, text: string): Promise<number> {
  const wanted = page.getByTestId('ime-candidate').filter({ hasText: new RegExp(`^${text}$`) });
  let turns = 0;
  for (;;) {
    const rows = await page.getByTestId('ime-candidate').evaluateAll((els) => new Set(els.map((e) => Math.round(e.getBoundingClientRect().top))).size);
    expect(rows).toBe(1);
    if ((await wanted.count()) > 0) break;
    expect(await page.getByTestId('ime-next').isDisabled(), `${text} not found after ${turns} pages`).toBe(false);
    await page.getByTestId('ime-next').click();
    turns++;
  }
  await wanted.click();
  return turns;
}

/** The element lies wholly inside the window (what a person sees without scrolling). */
async function onScreen(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.top >= -1 && r.bottom <= window.innerHeight + 1;
  });
}

describe('on-screen keyboard in Chromium', { timeout: 180_000 }, () => {
  it('home search: keys type into the box and stay on home; the 搜索 key (or button) searches', async () => {
    const page = await open('/');
    await page.getByTestId('home-search-input').click();
    // Latin, as on the search screen: the search understands pinyin and initials itself.
    expect(await page.getByTestId('keyboard').getAttribute('data-mode')).toBe('latin');
    await press(page, 'y');
    await page.waitForTimeout(500); // a submit would navigate now
    expect(path(page)).toBe('/');
    await press(page, 'yzz');
    expect(await page.getByTestId('home-search-input').inputValue()).toBe('yyzz');
    expect(path(page)).toBe('/');
    await expectAccessible(page, 'home search with keyboard');
    await expectTouchTargets(page);
    await screenshot(page, 'keyboard-home-search');

    // The done key says what it does, and does it.
    expect((await key(page, '{done}').textContent())?.trim()).toBe('搜索');
    await key(page, '{done}').click();
    await expect.poll(() => path(page)).toBe('/search');
    expect(new URL(page.url()).searchParams.get('q')).toBe('yyzz');
    await page.context().close();
  });

  it('惠企政策: the credit code is typed on an identifier layout, checked only when the person submits', async () => {
    const page = await open('/policies');
    await page.getByTestId('policy-credit-code').click();
    const keyboard = page.getByTestId('keyboard');
    expect(await keyboard.getAttribute('data-mode')).toBe('creditCode');
    // Capitals and digits only, none of the letters GB 32100 leaves out; no pinyin, space or @.
    for (const absent of ['{mode}', '{space}', '@', 'a', 'I', 'O', 'S', 'V', 'Z']) expect(await key(page, absent).count()).toBe(0);
    for (const present of ['9', 'M', 'A', 'H', '{bksp}']) expect(await key(page, present).count()).toBe(1);

    await press(page, ENTERPRISE.slice(0, 1));
    await page.waitForTimeout(500);
    expect(await page.getByTestId('policy-code-error').count()).toBe(0);
    await press(page, ENTERPRISE.slice(1));
    expect(await page.getByTestId('policy-credit-code').inputValue()).toBe(ENTERPRISE);
    expect(await page.getByTestId('policy-code-error').count()).toBe(0);
    expect(path(page)).toBe('/policies');
    await expectAccessible(page, 'policies credit code keyboard');
    await expectTouchTargets(page);
    await screenshot(page, 'keyboard-policies-credit-code');

    // Submitting is the person's choice: the done key says 匹配政策 and matches.
    expect((await key(page, '{done}').textContent())?.trim()).toBe('匹配政策');
    await key(page, '{done}').click();
    await page.getByTestId('matched-heading').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('policy-code-error').count()).toBe(0);
    // The 免申即享 badge stays readable in high contrast (it was white on light green).
    await page.getByTestId('badge-no-application').first().waitFor();
    await page.getByTestId('toggle-contrast').click();
    await expectAccessible(page, 'matched policies, high contrast');
    await page.getByTestId('toggle-contrast').click();
    await page.context().close();
  });

  it('就近办 item picker: typing does not search after every key; 查找 does', async () => {
    const page = await open('/service-points');
    await page.getByTestId('points-item-picker-query').click();
    await press(page, 'yyzz');
    await page.waitForTimeout(800);
    expect(await page.locator('[data-testid^="points-item-picker-hit-"]').count()).toBe(0);
    expect(await page.getByTestId('points-item-picker-query').inputValue()).toBe('yyzz');
    await key(page, '{done}').click();
    await page.locator('[data-testid^="points-item-picker-hit-"]').first().waitFor({ timeout: 20_000 });
    await page.context().close();
  });

  it('pinyin: "101室" is typed with "shi", and a rare character is reached by paging, in one row of candidates', async () => {
    for (const large of [false, true]) {
      const page = await openForm(PORTRAIT, large);
      const field = page.getByTestId('field-after');
      await field.click();
      expect(await page.getByTestId('keyboard').getAttribute('data-mode')).toBe('pinyin');
      await press(page, '101shi');
      expect(await pickCandidate(page, '室')).toBeLessThanOrEqual(1); // a common word in addresses: near the front
      expect(await field.inputValue()).toBe('101室');

      // 琪 is far down the list for "qi" (not on the first page): the next-page button reaches it.
      await press(page, 'qi');
      expect(await page.getByTestId('ime-candidate').filter({ hasText: /^琪$/ }).count()).toBe(0);
      await page.getByTestId('ime-next').click();
      expect(await page.getByTestId('ime-page').textContent()).toMatch(/^2\/\d+$/);
      await expectTouchTargets(page);
      await expectAccessible(page, `pinyin paging${large ? ' (large font)' : ''}`);
      await screenshot(page, `keyboard-pinyin-paging${large ? '-large-font' : ''}`);
      await pickCandidate(page, '琪');
      expect(await field.inputValue()).toBe('101室琪');
      // A new spelling starts again on the first page.
      await press(page, 'qi');
      expect(await page.getByTestId('ime-previous').isDisabled()).toBe(true);
      await page.context().close();
    }
  });

  it('each field gets the keyboard of its declared kind; letters typed are never lost; Chinese punctuation types', async () => {
    const page = await openForm(PORTRAIT);
    const mode = () => page.getByTestId('keyboard').getAttribute('data-mode');

    // A date: digits only, the dashes come by themselves; backspace takes a digit.
    const date = page.getByTestId('field-resolutionDate');
    await date.click();
    expect(await mode()).toBe('date');
    for (const absent of ['{mode}', 'a', '-', '.']) expect(await key(page, absent).count()).toBe(0);
    await press(page, '20240315');
    expect(await date.inputValue()).toBe('2024-03-15');
    await key(page, '{bksp}').click();
    expect(await date.inputValue()).toBe('2024-03-1');
    await press(page, '5');

    // A mobile number: digits, no point, no letters.
    await page.getByTestId('field-agentPhone').scrollIntoViewIfNeeded();
    await page.getByTestId('field-agentPhone').click();
    expect(await mode()).toBe('digits');
    for (const absent of ['.', 'a', '{mode}']) expect(await key(page, absent).count()).toBe(0);

    // Free Chinese text: the mode key shows 中; words, not characters one by one; （ ） typed.
    const after = page.getByTestId('field-after');
    await after.scrollIntoViewIfNeeded();
    await after.click();
    expect(await mode()).toBe('pinyin');
    expect((await key(page, '{mode}').textContent())?.trim()).toBe('中');
    await press(page, 'nanhai');
    expect(await pickCandidate(page, '南海')).toBe(0);
    await key(page, '（').click();
    await press(page, 'foshan');
    await pickCandidate(page, '佛山');
    await key(page, '）').click();
    await press(page, 'gongsi');
    expect(await pickCandidate(page, '公司')).toBe(0);
    await key(page, '、').click();
    expect(await after.inputValue()).toBe('南海（佛山）公司、');
    await expectAccessible(page, 'chinese keyboard with punctuation');
    await expectTouchTargets(page);
    await screenshot(page, 'keyboard-chinese-punctuation');

    // Letters still in the buffer go into the field when the person taps another one.
    await press(page, 'dengji');
    expect(await page.getByTestId('ime-buffer').textContent()).toBe('dengji');
    await page.getByTestId('field-before').click();
    expect(await after.inputValue()).toBe('南海（佛山）公司、dengji');
    // The mode key says which mode the keyboard is in.
    await key(page, '{mode}').click();
    expect(await mode()).toBe('latin');
    expect((await key(page, '{mode}').textContent())?.trim()).toBe('英');
    await page.context().close();

    // A licence number: capitals and digits; the JY prefix stays in the field.
    const renewal = await openForm(PORTRAIT, false, '/form/f_food_renewal?item=NH-AMR-0302');
    const licence = renewal.getByTestId('field-licenceNumber');
    await licence.fill('');
    await licence.click();
    expect(await renewal.getByTestId('keyboard').getAttribute('data-mode')).toBe('code');
    expect(await key(renewal, '{mode}').count()).toBe(0);
    await press(renewal, 'JY24406050123456');
    expect(await licence.inputValue()).toBe('JY24406050123456');
    await renewal.context().close();
  });

  it('portrait: a lower field and its keyboard are both on screen, in normal and large text', async () => {
    for (const large of [false, true]) {
      const page = await openForm(PORTRAIT, large);
      const field = page.getByTestId('field-agentPhone');
      await field.scrollIntoViewIfNeeded();
      await field.click();
      const keyboard = page.getByTestId('keyboard');
      await keyboard.waitFor();
      await expect.poll(() => onScreen(keyboard)).toBe(true);
      expect(await onScreen(field)).toBe(true);
      await screenshot(page, `keyboard-portrait-lower-field${large ? '-large-font' : ''}`);
      await page.context().close();
    }
  });

  it('下一步 with problems: the first one is scrolled into view, focused, described by its error, its keyboard open', async () => {
    const page = await openForm(PORTRAIT);
    // Required fields are marked before anything is submitted.
    await page.getByTestId('field-after-required').waitFor();
    expect(await page.getByTestId('form-error-summary').count()).toBe(0);
    await page.getByTestId('form-review').scrollIntoViewIfNeeded();
    await page.getByTestId('form-review').click();

    // 变更事项 and 变更前内容 came from the register: the first problem is 变更后内容, a text field.
    const after = page.getByTestId('field-after');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field-after');
    expect(await page.getByTestId('keyboard').getAttribute('data-mode')).toBe('pinyin');
    await expect.poll(() => onScreen(page.getByTestId('keyboard'))).toBe(true);
    expect(await onScreen(after)).toBe(true);
    const described = await after.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '),
    );
    expect(described).toContain(await page.getByTestId('field-after-error').textContent());
    expect(await after.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'form first error');
    await screenshot(page, 'keyboard-form-first-error');

    // At the top, one list of what is missing, each naming its field (not five identical "此项必须填写"), each a way there.
    const summary = page.getByTestId('form-error-summary');
    // The contact phone is not among them: the real-name account's mobile filled it.
    expect(await summary.textContent()).toContain('还有 2 项');
    expect(await page.getByTestId('field-agentPhone').inputValue()).toBe('13926541208');
    const errors = await page.locator('[data-testid$="-error"][id^="field-"]').allTextContents();
    expect(new Set(errors).size).toBe(errors.length);
    expect(await page.getByTestId('field-resolutionDate-error').textContent()).toContain('决议日期');
    await page.getByTestId('form-error-summary-resolutionDate').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field-resolutionDate');
    expect(await page.getByTestId('keyboard').getAttribute('data-mode')).toBe('date');
    await expect.poll(() => onScreen(page.getByTestId('field-resolutionDate'))).toBe(true);
    await expectTouchTargets(page);
    await page.context().close();
  });

  it('the register fills what it knows: 变更事项 from the item, 变更前内容, the verified code and name locked; a role it contradicts is said', async () => {
    const page = await openForm(PORTRAIT, false, CHANGE_FORM, 'legal_rep');
    // 住所变更登记 is the choice 住所; what changes today is the registered address.
    expect(await page.getByTestId('field-changeItem-address').getAttribute('aria-checked')).toBe('true');
    expect(await page.getByTestId('field-before').inputValue()).toBe('佛山市南海区桂城街道南海大道北68号首层101铺');
    // Another choice brings its own current value.
    await page.getByTestId('field-changeItem-name').click();
    expect(await page.getByTestId('field-before').inputValue()).toBe('佛山市南海区桂城粤味轩餐饮有限公司');
    // The credit code 身份核验 verified opens no keyboard and cannot be typed over.
    const code = page.getByTestId('field-creditCode');
    expect(await code.inputValue()).toBe(ENTERPRISE);
    await code.click();
    expect(await page.getByTestId('keyboard').count()).toBe(0);
    expect(await code.getAttribute('readonly')).not.toBeNull();
    await page.getByTestId('field-creditCode-locked').waitFor();
    // The card holder said 法定代表人; the register names 陈志强.
    await page.getByTestId('form-role-mismatch').waitFor();
    await expectAccessible(page, 'form prefilled from the register with a role warning');
    await expectTouchTargets(page);
    await screenshot(page, 'form-register-prefill-role-mismatch');

    // 帮办 stays in the top bar at the foot of a long form; after help, 继续办理 comes back to this very form as it was.
    await page.getByTestId('field-after').fill('佛山市南海区新名字有限公司');
    await page.getByTestId('form-review').scrollIntoViewIfNeeded();
    await expect.poll(() => onScreen(page.getByTestId('nav-help'))).toBe(true);
    await page.getByTestId('nav-help').click();
    await expect.poll(() => path(page)).toBe('/help');
    await page.getByTestId('help-continue').click();
    await expect.poll(() => path(page)).toBe('/form/f_company_change');
    expect(await page.getByTestId('field-after').inputValue()).toBe('佛山市南海区新名字有限公司');
    expect(await page.getByTestId('field-changeItem-name').getAttribute('aria-checked')).toBe('true');
    await page.context().close();

    // A renewal: the licence number the register holds.
    const renewal = await openForm(PORTRAIT, false, '/form/f_food_renewal?item=NH-AMR-0302');
    await expect.poll(() => renewal.getByTestId('field-licenceNumber').inputValue()).toBe('JY24406050123456');
    expect(await renewal.getByTestId('form-role-mismatch').count()).toBe(0);
    await renewal.context().close();
  });
});
