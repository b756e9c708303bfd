import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PlatformClient } from '../../../services/platform/client';
import { loadSigningKey, type KioskSigningKey } from '../../../services/platform/keys';
import { startSimulator, type RunningSimulator } from '../../../platform-sim/server';

export const tmpDir = (prefix: string): string => fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));

export interface SimHarness {
  sim: RunningSimulator;
  key: KioskSigningKey;
  client: PlatformClient;
  control(method: 'GET' | 'POST' | 'DELETE', p: string, body?: unknown): Promise<any>;
}

/** A simulator on a loopback port that knows this kiosk's key, and a client signed with it. */
export async function startHarness(opts: { timeoutMs?: number; helpAutoAnswerMs?: number } = {}): Promise<SimHarness> {
  const key = loadSigningKey(tmpDir('kiosk-key'), 'kiosk-test-01');
  const sim = await startSimulator({ kioskKeys: { [key.kioskId]: key.publicKeySpkiBase64 }, helpAutoAnswerMs: opts.helpAutoAnswerMs ?? 0 });
  const client = new PlatformClient({ baseUrl: sim.url, key, timeoutMs: opts.timeoutMs ?? 1_500 });
  const control = async (method: 'GET' | 'POST' | 'DELETE', p: string, body?: unknown) => {
    const res = await fetch(sim.url + p, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    return res.json();
  };
  return { sim, key, client, control };
}

/** Sample identities used across the platform tests (fictional; valid check digits). */
export const SAMPLE_PEOPLE = [
  { name: '陈志强', idNumber: '440605198506123714', mobile: '13800138000' },
  { name: '欧阳明华', idNumber: '440606197802145629', mobile: '13902216688' },
  { name: '李小红', idNumber: '440524199211030287', mobile: '18923456789' },
] as const;

export const SAMPLE_ENTERPRISE = '91440605MA4UL2K84H';
