import { createHash, randomUUID, sign } from 'node:crypto';
import { PLATFORM_HEADERS, signingString } from '../../../platform-wire/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PlatformClient } from '../../../services/platform/client';
import { loadSigningKey } from '../../../services/platform/keys';
import { SAMPLE_ENTERPRISE, SAMPLE_PEOPLE, startHarness, tmpDir, type SimHarness } from './helpers';

let h: SimHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.sim.close();
});
afterEach(async () => {
  await h.control('DELETE', '/_control/faults');
});

const application = (itemCode = 'GD-SC-FOOD-RENEW') => ({
  itemCode,
  applicant: { creditCode: SAMPLE_ENTERPRISE, agentName: SAMPLE_PEOPLE[0].name, agentIdNumber: SAMPLE_PEOPLE[0].idNumber },
  formData: { 经营场所: '南海大道北68号' },
  attachments: [{ materialName: '营业执照', certificateId: `BL-${SAMPLE_ENTERPRISE}` }],
  smartApproval: false,
});

describe('platform client against the simulator: every endpoint', () => {
  it('fetches an enterprise profile with the licences it holds', async () => {
    const r = await h.client.enterprise(SAMPLE_ENTERPRISE);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.name).toBe('佛山市南海区桂城粤味轩餐饮有限公司');
    expect(r.value.licences.map((l) => l.name)).toContain('食品经营许可证');
    const missing = await h.client.enterprise('91350100M000100Y43');
    expect(missing).toMatchObject({ ok: false, failure: { status: 404, retryable: false } });
  });

  it('lists e-certificates of a holder, signed by the issuer key', async () => {
    const r = await h.client.certificates('91440604MA55H8TJ5R');
    expect(r.ok && r.value.certificates.map((c) => c.kind).sort()).toEqual(['business-licence', 'food-business-licence', 'public-place-hygiene-licence']);
    const keys = await h.client.issuerKeys();
    expect(keys.ok && keys.value.keys[0]?.keyId).toBe('sim-issuer-1');
  });

  it('files an application, then reports progress through 审查 and 补正 with reasons', async () => {
    const r = await h.client.fileApplication(application(), randomUUID());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.applicationNumber).toMatch(/^NH\d{8}\d{6}$/);
    expect(r.value.promisedDate >= new Date().toISOString().slice(0, 10)).toBe(true);
    const no = r.value.applicationNumber;
    await h.control('POST', `/_control/applications/${no}/advance`, { to: 'reviewing' });
    await h.control('POST', `/_control/applications/${no}/advance`, { to: 'correction-required', reasons: ['平面布局图未标注面积', '缺少健康证明'] });
    const p = await h.client.progress(no);
    expect(p.ok && p.value.history.map((x) => x.status)).toEqual(['accepted', 'reviewing', 'correction-required']);
    expect(p.ok && p.value.corrections).toEqual(['平面布局图未标注面积', '缺少健康证明']);
  });

  it('refuses an application that does not match the schema as a permanent failure', async () => {
    const bad = { ...application(), applicant: { ...application().applicant, creditCode: '91350100M000100Y44' } };
    const r = await h.client.fileApplication(bad, randomUUID());
    expect(r).toMatchObject({ ok: false, failure: { kind: 'http', status: 422, retryable: false } });
  });

  it('a set-up registration comes without a credit code; anything else needs one, and a set-up may not name an existing enterprise', async () => {
    const { creditCode: _code, ...person } = application().applicant;
    const setup = { ...application('NH-AMR-0102'), applicant: person, attachments: [] };
    const r = await h.client.fileApplication(setup, randomUUID());
    expect(r.ok).toBe(true);
    const records = (await h.control('GET', '/_control/records')) as { applications: Array<{ applicationNumber: string; request: { creditCode: string | null } }> };
    expect(records.applications.find((a) => r.ok && a.applicationNumber === r.value.applicationNumber)?.request.creditCode).toBeNull();
    const underExisting = await h.client.fileApplication({ ...application('NH-AMR-0102'), attachments: [] }, randomUUID());
    expect(underExisting).toMatchObject({ ok: false, failure: { status: 422, code: 'enterprise-not-yet-registered' } });
    const noEnterprise = await h.client.fileApplication({ ...application('NH-AMR-0304'), applicant: person, attachments: [] }, randomUUID());
    expect(noEnterprise).toMatchObject({ ok: false, failure: { status: 422, code: 'credit-code-required' } });
  });

  it('takes evaluations (好差评), 办不成事 reports and help requests that staff answer', async () => {
    const ev = await h.client.evaluate(
      { scope: 'service', level: 'very-dissatisfied', reasons: ['slow'], channel: 'kiosk', ratedAt: new Date().toISOString() },
      randomUUID(),
    );
    expect(ev).toMatchObject({ ok: true, value: { followUpRequired: true } });
    const fb = await h.client.feedback({ category: 'cannot-apply', description: '系统提示材料不全', reportedAt: new Date().toISOString() }, randomUUID());
    expect(fb.ok).toBe(true);
    const help = await h.client.requestHelp({ topic: 'materials', message: '', requestedAt: new Date().toISOString() }, randomUUID());
    expect(help).toMatchObject({ ok: true, value: { status: 'paged' } });
    if (!help.ok) return;
    await h.control('POST', `/_control/help/${help.value.helpId}/answer`, { answer: '请到3号窗口', staffId: 'NH-S02' });
    const st = await h.client.helpStatus(help.value.helpId);
    expect(st).toMatchObject({ ok: true, value: { status: 'answered', answer: '请到3号窗口', staffName: '帮办员 邓超' } });
  });

  it('issues queue tickets with the people waiting ahead', async () => {
    const w = await h.client.windows();
    const before = w.ok ? (w.value.windows.find((x) => x.windowType === 'comprehensive')?.waiting ?? -1) : -1;
    const t = await h.client.takeTicket({ windowType: 'comprehensive' }, randomUUID());
    expect(t).toMatchObject({ ok: true, value: { windowType: 'comprehensive', waitingAhead: before } });
    expect(t.ok && t.value.ticketNumber).toMatch(/^A\d{3}$/);
  });

  it('books and cancels an appointment slot, and the slot count follows', async () => {
    const s = await h.client.slots('GD-SC-FOOD-NEW');
    expect(s.ok && s.value.slots.length).toBeGreaterThan(0);
    if (!s.ok) return;
    const slot = s.value.slots[0]!;
    const b = await h.client.book({ slotId: slot.slotId, itemCode: slot.itemCode }, randomUUID());
    expect(b).toMatchObject({ ok: true, value: { status: 'booked', slot: { remaining: slot.remaining - 1 } } });
    if (!b.ok) return;
    const c = await h.client.cancel(b.value.appointmentId, randomUUID());
    expect(c).toMatchObject({ ok: true, value: { status: 'cancelled', slot: { remaining: slot.remaining } } });
    const ticket = await h.client.takeTicket({ windowType: 'comprehensive', appointmentId: b.value.appointmentId }, randomUUID());
    expect(ticket.ok).toBe(false); // a cancelled appointment gives no priority ticket
  });
});

describe('request signing and idempotency', () => {
  it('refuses unsigned, unknown-kiosk and replayed requests', async () => {
    const unsigned = await fetch(`${h.sim.url}/v1/enterprises/${SAMPLE_ENTERPRISE}`);
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as any).error.code).toBe('unsigned');

    const stranger = new PlatformClient({ baseUrl: h.sim.url, key: loadSigningKey(tmpDir('stranger'), 'kiosk-unknown'), timeoutMs: 1000 });
    expect(await stranger.enterprise(SAMPLE_ENTERPRISE)).toMatchObject({ ok: false, failure: { kind: 'auth', code: 'unknown-kiosk' } });

    // Capture one signed request and send it twice: the second is a replay.
    let captured: { url: string; init: RequestInit } | null = null;
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (url: string, init: RequestInit) => {
      captured = { url, init };
      return realFetch(url, init);
    }) as typeof fetch;
    try {
      await h.client.enterprise(SAMPLE_ENTERPRISE);
    } finally {
      globalThis.fetch = realFetch;
    }
    const replay = await realFetch(captured!.url, captured!.init);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as any).error.code).toBe('replayed');
  });

  it('refuses a correctly signed request whose timestamp is more than 5 minutes off', async () => {
    const p = `/v1/enterprises/${SAMPLE_ENTERPRISE}`;
    const timestamp = String(Date.now() - 6 * 60_000);
    const nonce = randomUUID();
    const text = signingString({ method: 'GET', pathWithQuery: p, timestamp, nonce, idempotencyKey: undefined, bodySha256Hex: createHash('sha256').update('').digest('hex') });
    const res = await fetch(h.sim.url + p, {
      headers: {
        [PLATFORM_HEADERS.kioskId]: h.key.kioskId,
        [PLATFORM_HEADERS.timestamp]: timestamp,
        [PLATFORM_HEADERS.nonce]: nonce,
        [PLATFORM_HEADERS.signature]: sign(null, Buffer.from(text), h.key.privateKey).toString('base64'),
      },
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).error.code).toBe('stale');
  });

  it('refuses a request whose body was changed after signing', async () => {
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (url: string, init: RequestInit) =>
      realFetch(url, { ...init, body: String(init.body).replace('GD-SC-FOOD-RENEW', 'GD-SC-FOOD-NEW') })) as typeof fetch;
    try {
      const r = await h.client.fileApplication(application(), randomUUID());
      expect(r).toMatchObject({ ok: false, failure: { kind: 'auth', code: 'bad-signature' } });
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it('files a write retried with the same idempotency key once, answering the retry identically', async () => {
    const before = (await h.control('GET', '/_control/stats')).filed.applications ?? 0;
    const key = randomUUID();
    const a = await h.client.fileApplication(application(), key);
    const b = await h.client.fileApplication(application(), key);
    expect(a.ok && b.ok && a.value.applicationNumber === b.value.applicationNumber).toBe(true);
    expect(b.ok && b.replayed).toBe(true);
    expect((await h.control('GET', '/_control/stats')).filed.applications).toBe(before + 1);
    const conflict = await h.client.fileApplication(application('GD-SC-FOOD-NEW'), key);
    expect(conflict).toMatchObject({ ok: false, failure: { code: 'idempotency-conflict' } });
  });
});

describe('injected failures', () => {
  it('down: a network failure, retryable', async () => {
    await h.control('POST', '/_control/faults', { mode: 'down' });
    expect(await h.client.enterprise(SAMPLE_ENTERPRISE)).toMatchObject({ ok: false, failure: { kind: 'network', retryable: true } });
  });

  it('5xx: an http failure, retryable', async () => {
    await h.control('POST', '/_control/faults', { mode: 'error', status: 502 });
    expect(await h.client.enterprise(SAMPLE_ENTERPRISE)).toMatchObject({ ok: false, failure: { kind: 'http', status: 502, retryable: true } });
  });

  it('timeout: the client gives up after its timeout', async () => {
    await h.control('POST', '/_control/faults', { mode: 'timeout' });
    const t0 = Date.now();
    expect(await h.client.enterprise(SAMPLE_ENTERPRISE)).toMatchObject({ ok: false, failure: { kind: 'timeout', retryable: true } });
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it('slow: answered within the timeout still succeeds, beyond it times out', async () => {
    await h.control('POST', '/_control/faults', { mode: 'slow', delayMs: 300 });
    expect((await h.client.enterprise(SAMPLE_ENTERPRISE)).ok).toBe(true);
    await h.control('POST', '/_control/faults', { mode: 'slow', delayMs: 2_500 });
    expect(await h.client.enterprise(SAMPLE_ENTERPRISE)).toMatchObject({ ok: false, failure: { kind: 'timeout' } });
  });

  it.each(['wrong-shape', 'truncated', 'not-json'] as const)('malformed (%s): an error, not a crash', async (malformed) => {
    await h.control('POST', '/_control/faults', { mode: 'malformed', malformed });
    expect(await h.client.enterprise(SAMPLE_ENTERPRISE)).toMatchObject({ ok: false, failure: { kind: 'malformed', retryable: true } });
  });

  it('duplicate delivery: the answer is lost, the retry gets the original answer and nothing is filed twice', async () => {
    const before = (await h.control('GET', '/_control/stats')).filed.applications ?? 0;
    await h.control('POST', '/_control/faults', { mode: 'duplicate', count: 1 });
    const key = randomUUID();
    const first = await h.client.fileApplication(application(), key);
    expect(first).toMatchObject({ ok: false, failure: { retryable: true } });
    const retry = await h.client.fileApplication(application(), key);
    expect(retry.ok && retry.replayed).toBe(true);
    expect((await h.control('GET', '/_control/stats')).filed.applications).toBe(before + 1);
  });

  it('a fault limited to a path and a count leaves other calls alone', async () => {
    await h.control('POST', '/_control/faults', { mode: 'error', pathPrefix: '/v1/evaluations', count: 1 });
    expect((await h.client.enterprise(SAMPLE_ENTERPRISE)).ok).toBe(true);
    const ev = { scope: 'service', level: 'satisfied', reasons: [], channel: 'kiosk', ratedAt: new Date().toISOString() };
    expect((await h.client.evaluate(ev, randomUUID())).ok).toBe(false);
    expect((await h.client.evaluate(ev, randomUUID())).ok).toBe(true);
  });
});
