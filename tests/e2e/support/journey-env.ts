import type { Browser, Page } from 'playwright-core';
import { LANDSCAPE, launchChromium } from './browser';
import { startKiosk, type KioskProcess } from './kiosk-process';
import { connectPlatform, type PlatformSim } from './platform';
import { readSimulators, type Simulators } from './simulators';

/** A kiosk (Node host, simulated devices, platform simulator) and a Chromium to drive it. */
export interface JourneyEnv {
  readonly kiosk: KioskProcess;
  readonly browser: Browser;
  readonly sims: Simulators;
  readonly platform: PlatformSim;
  /** A fresh browser context on `path`, once its first heading shows. */
  open(path: string): Promise<Page>;
  stop(): Promise<void>;
}

/** Waits until every device reports `ready`, so a card placed by a test meets a polling reader. */
async function devicesReady(kioskUrl: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = (await (await fetch(`${kioskUrl}/healthz`)).json()) as { devices: { role: string; state: string }[] };
    if (health.devices.length >= 4 && health.devices.every((d) => d.state === 'ready')) return;
    if (Date.now() > deadline) throw new Error(`devices not ready: ${JSON.stringify(health.devices.map((d) => [d.role, d.state]))}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function startJourneyEnv(env: Record<string, string> = { KIOSK_IDLE_SECONDS: '600' }): Promise<JourneyEnv> {
  const [kiosk, browser] = await Promise.all([startKiosk(env), launchChromium()]);
  const [sims, platform] = await Promise.all([readSimulators(kiosk.dataDir), connectPlatform(kiosk.url)]);
  await devicesReady(kiosk.url);
  return {
    kiosk,
    browser,
    sims,
    platform,
    open: async (path) => {
      const page = await (await browser.newContext({ viewport: LANDSCAPE })).newPage();
      await page.goto(`${kiosk.url}${path}`);
      await page.locator('h1').first().waitFor({ timeout: 30_000 });
      return page;
    },
    stop: async () => {
      await browser.close();
      await kiosk.stop();
    },
  };
}
