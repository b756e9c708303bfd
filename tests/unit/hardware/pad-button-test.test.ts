import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EvaluationPad } from '../../../hardware/drivers/pad/driver';
import type { PadKey } from '../../../hardware/protocols/pad/messages';
import { FAST_BACKOFF, nextEvent, simulateOnMock, startReady, type MockRig } from './mock-devices';

/** The pad's button test (KEP/1 BUTTON_TEST, SHOW_PROMPT, KEY events) against the pad simulator's device logic. */
type PadState = { buttonTest: boolean; prompt: string | null };
let rig: MockRig;
let pad: EvaluationPad;

beforeEach(async () => {
  rig = simulateOnMock('pad');
  pad = await startReady(new EvaluationPad({ path: rig.path, baudRate: 115200, transport: rig.transport, timeoutMs: 250, retries: 1, heartbeatMs: 50, backoff: FAST_BACKOFF }));
});
afterEach(async () => {
  await pad.stop();
});

describe('evaluation pad button test', () => {
  it('enters button test, shows the prompt, reports each key pressed and released, then leaves', async () => {
    await pad.buttonTest(true);
    await pad.showPrompt('按键测试：请按“满意”');
    expect(await rig.act<PadState>('GET /pad/state')).toMatchObject({ buttonTest: true, prompt: '按键测试：请按“满意”' });
    const keys: PadKey[] = [];
    const off = pad.onKey((k) => keys.push(k));
    const released = nextEvent<PadKey>(pad, 'key');
    await rig.act('POST /pad/key', { key: 4 });
    expect(await released).toEqual({ key: 4, down: true });
    await expect.poll(() => keys).toEqual([{ key: 4, down: true }, { key: 4, down: false }]);
    off();
    await pad.buttonTest(false);
    expect(await rig.act<PadState>('GET /pad/state')).toMatchObject({ buttonTest: false, prompt: null });
    // Out of button test a key rates, it is not a key event.
    await expect(rig.act('POST /pad/key', { key: 4 })).rejects.toThrow(/not in button test/);
  });

  it('a prompt longer than the pad takes is cut on a character boundary', async () => {
    await pad.showPrompt('满'.repeat(100));
    const prompt = (await rig.act<PadState>('GET /pad/state')).prompt!;
    expect(prompt).toBe('满'.repeat(66));
  });

  it('refuses button test while a rating is lit', async () => {
    // This pad was given no reason table: it can light a rating that needs no reason.
    await pad.requestRating(7, { reasonRequired: false });
    await expect(pad.buttonTest(true)).rejects.toThrow(/BUTTON_TEST refused/);
    await pad.cancelRating(7);
  });
});
