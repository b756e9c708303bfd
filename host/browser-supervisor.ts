import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../services/config';
import { technicianToken } from '../services/security/technician-token';
import { CdpPipe } from './cdp-pipe';

/**
 * Chromium's switches for a kiosk: full screen with no way out of the app's page (no address bar, no
 * tabs), no pinch zoom or history swipe, no translate or crash bubbles, no first-run or update prompts.
 * Lockdown beyond the page (VT switching, other programs) is the session's: cage under systemd.
 */
export const KIOSK_SWITCHES = [
  '--kiosk',
  '--noerrdialogs',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-pinch',
  '--overscroll-history-navigation=0',
  '--disable-features=TranslateUI,TouchpadOverscrollHistoryNavigation,Translate',
  '--disable-session-crashed-bubble',
  '--disable-infobars',
  '--disable-component-update',
  '--check-for-update-interval=31536000',
  '--autoplay-policy=no-user-gesture-required',
  '--remote-debugging-pipe',
];

const HEARTBEAT_MS = 5_000;
const HANG_MS = 10_000;

/**
 * `kiosk-browser`: the Chromium-kiosk deployment's renderer supervisor, doing for Chromium what the
 * Electron shell does for its window. It starts Chromium on the kiosk page with the DevTools protocol
 * on a pipe, reloads the page when its renderer crashes, kills and reloads it when it stops answering
 * for 10 s, restarts Chromium if it dies, and reports every such restart to the kiosk (technician
 * token), which goes into safe mode after the fourth in five minutes.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const url = `http://127.0.0.1:${config.port}`;
  const token = technicianToken(config.dataDir, config.technicianToken);
  const log = (msg: string): void => console.log(`kiosk-browser: ${msg}`);

  const report = async (cause: 'crash' | 'hang'): Promise<void> => {
    try {
      const res = await fetch(`${url}/api/admin.rendererRestarted`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: url, 'x-kiosk-technician': token },
        body: JSON.stringify({ cause }),
      });
      const body = (await res.json()) as { ok: boolean; value?: { restarts: number; safeMode: boolean } };
      log(`renderer restarted after a ${cause}: ${body.ok ? `${body.value?.restarts} restarts, safe mode ${body.value?.safeMode ? 'on' : 'off'}` : 'not reported'}`);
    } catch (err) {
      log(`could not report the restart: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  // The kiosk page must be there before the browser opens it.
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // Not up yet.
    }
    if (i === 600) throw new Error(`the kiosk at ${url} did not come up`);
    await new Promise((r) => setTimeout(r, 500));
  }

  let stopping = false;
  let browser: ChildProcess | null = null;
  const stop = (): void => {
    stopping = true;
    browser?.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Never leave a browser behind, however the supervisor ends.
  process.on('exit', () => browser?.kill('SIGKILL'));

  while (!stopping) {
    const profile = path.join(config.dataDir, 'browser');
    fs.mkdirSync(profile, { recursive: true, mode: 0o700 });
    const child = spawn(config.admin.browser.executable, [...KIOSK_SWITCHES, `--user-data-dir=${profile}`, ...config.admin.browser.extraArgs, `--app=${url}/`], {
      stdio: ['ignore', 'ignore', 'inherit', 'pipe', 'pipe'],
    });
    browser = child;
    log(`browser pid ${child.pid}`);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const cdp = new CdpPipe(child);
    let session: string | null = null;
    let killedForHang = false;
    let recovering = false;
    let hangFallback: NodeJS.Timeout | null = null;
    let timer: NodeJS.Timeout | null = null;

    /** Waits (at most half a minute) until the page has loaded. */
    const loaded = async (): Promise<void> => {
      for (let i = 0; i < 60 && session; i++) {
        const r = await cdp.send('Runtime.evaluate', { expression: 'document.readyState', returnByValue: true }, session, 2_000).catch(() => null);
        if ((r?.result as { value?: unknown } | undefined)?.value === 'complete') return;
        await new Promise((done) => setTimeout(done, 500));
      }
    };

    /** Reports the restart, reloads the page, and waits until it has loaded again. */
    const recover = async (cause: 'crash' | 'hang'): Promise<void> => {
      if (recovering || !session) return;
      recovering = true;
      killedForHang = false;
      if (hangFallback) clearTimeout(hangFallback);
      try {
        await report(cause);
        await cdp.send('Page.reload', {}, session);
        await loaded();
        log('page reloaded');
      } catch (err) {
        log(`reload failed: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        recovering = false;
      }
    };

    cdp.on('event', (method: string, params: Record<string, unknown>) => {
      if (method !== 'Target.targetCrashed' || !session) return;
      log(`renderer gone (${String(params.status)})`);
      void recover(killedForHang ? 'hang' : 'crash');
    });

    try {
      await cdp.send('Target.setDiscoverTargets', { discover: true });
      let page: { targetId: string; url: string } | undefined;
      for (let i = 0; i < 100 && !page; i++) {
        const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string; url: string }> };
        page = targetInfos.find((t) => t.type === 'page');
        if (!page) await new Promise((r) => setTimeout(r, 100));
      }
      if (!page) throw new Error('the browser opened no page');
      session = String((await cdp.send('Target.attachToTarget', { targetId: page.targetId, flatten: true })).sessionId);
      // The camera (高拍仪, 视频办事) and the microphone (视频办事) for the kiosk's own origin only, without a prompt
      // nobody could answer; every other origin keeps Chromium's default (ask, and nobody is there to allow it).
      await cdp.send('Browser.grantPermissions', { origin: url, permissions: ['videoCapture', 'audioCapture'] }).catch(() => log('could not grant the camera and microphone to the kiosk page'));
      // --app opens the kiosk page; a browser that ignores it (headless, tests) is sent there.
      if (!page.url.startsWith(url)) await cdp.send('Page.navigate', { url: `${url}/` }, session);
      log('page attached');
      await loaded();
      log('page loaded');
      // A renderer that stops answering is killed, which reports it crashed, which reloads it.
      const beat = async (): Promise<void> => {
        if (!session || killedForHang || recovering) return;
        try {
          await cdp.send('Runtime.evaluate', { expression: '1' }, session, HANG_MS);
        } catch {
          if (stopping || child.exitCode !== null || recovering) return;
          log(`renderer did not answer for ${HANG_MS / 1000} s: restarting it`);
          killedForHang = true;
          cdp.fire('Page.crash', {}, session);
          // A renderer already gone reports no crash: reload it all the same.
          hangFallback = setTimeout(() => void recover('hang'), 5_000);
        }
      };
      timer = setInterval(() => void beat(), HEARTBEAT_MS);
    } catch (err) {
      log(`could not attach to the page: ${err instanceof Error ? err.message : String(err)}`);
      child.kill('SIGKILL');
    }

    await exited;
    if (timer) clearInterval(timer);
    if (stopping) break;
    // The whole browser went: that is a crash of the screen too.
    log('browser exited: starting it again');
    await report('crash');
    await new Promise((r) => setTimeout(r, 1_000));
  }
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error('kiosk-browser:', err instanceof ConfigError ? err.message : err instanceof Error ? err.message : err);
  process.exit(1);
});
