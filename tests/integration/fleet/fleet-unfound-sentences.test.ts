import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningConsole } from '../../../console/server/app';
import { ManualClock } from '../../../console/server/clock';
import { reportAnswer, REPORTS_PATH, type ServiceReport } from '../../../console/wire/reports';
import { FLEET_DATABASES } from '../../support/fleet-databases';
import { ADMIN_PASSWORD, enrolled, Operator, startTestConsole, type WireKiosk } from '../../support/fleet-console';

const DAY = 86_400_000;

/**
 * 智能导办's sentences that found nothing, in the console: summed per sentence across kiosks and halls,
 * a batch sent again counted once, read by content editors, publishers and administrators (a hall
 * manager: their halls only; a viewer not at all), paged most frequent first, exported as CSV, and gone
 * 180 days after a kiosk last typed them. On PGlite and on the PostgreSQL server.
 */
describe.each(FLEET_DATABASES)('sentences that found nothing on $name', (database) => {
  let drop: () => Promise<void> = async () => undefined;
  let c: RunningConsole;
  let admin: Operator;
  let nanhai: WireKiosk;
  let shishan: WireKiosk;
  const clock = new ManualClock(Date.parse('2026-11-02T10:00:00+08:00'));
  const at = () => new Date(clock.now()).toISOString();
  const sentence = (text: string): ServiceReport => ({ id: randomUUID(), at: at(), kind: 'unfound-sentence', text, locale: 'zh-CN' });
  // After the clock moved the first signature is stale; the answer tells the time, as a real kiosk's client learns it.
  const send = async (kiosk: WireKiosk, reports: ServiceReport[]) => {
    const r = await kiosk.client.call(REPORTS_PATH, { reports }, reportAnswer);
    return !r.ok && 'refusal' in r && r.refusal.code === 'stale' ? kiosk.client.call(REPORTS_PATH, { reports }, reportAnswer) : r;
  };
  const list = async (who: Operator, query = '') => (await who.get(`/api/unfound-sentences${query}`)).body as { sentences: Array<{ text: string; count: number; kiosks: number; halls: string[]; firstSeen: string; lastSeen: string }>; next: string | null };

  beforeAll(async () => {
    if (!database.available) return;
    const opened = await database.open();
    drop = opened.drop;
    c = await startTestConsole(opened.db, { clock });
    admin = await Operator.signIn(c.url, 'admin', ADMIN_PASSWORD);
    for (const [id, name] of [['nanhai', '南海区政务服务中心'], ['shishan', '狮山镇行政服务中心']]) {
      expect((await admin.call('PUT', `/api/halls/${id}`, { id, name, opening: { schedule: 'daily', open: '00:00', close: '24:00' } })).status).toBe(200);
    }
    nanhai = await enrolled(c.url, admin, 'k-unfound-1', 'SENT23', 'nanhai');
    shishan = await enrolled(c.url, admin, 'k-unfound-2', 'SENT45', 'shishan');
  });
  afterAll(async () => {
    await c?.close();
    await drop();
  });

  it.skipIf(!database.available)('sums a sentence across kiosks and halls, most frequent first, and counts a batch sent again once', async () => {
    const batch = [sentence('宠物寄养要什么手续'), sentence('宠物寄养要什么手续'), sentence('办理游艇驾照')];
    expect(await send(nanhai, batch)).toMatchObject({ ok: true, value: { accepted: batch.map((r) => r.id) } });
    // The answer was lost: the same reports again, and nothing doubles.
    expect(await send(nanhai, batch)).toMatchObject({ ok: true, value: { accepted: batch.map((r) => r.id) } });
    clock.advance(60_000);
    expect(await send(shishan, [sentence('宠物寄养要什么手续')])).toMatchObject({ ok: true });

    const { sentences, next } = await list(admin);
    expect(next).toBeNull();
    expect(sentences).toEqual([
      { text: '宠物寄养要什么手续', count: 3, kiosks: 2, halls: ['nanhai', 'shishan'], firstSeen: new Date(clock.now() - 60_000).toISOString(), lastSeen: at() },
      expect.objectContaining({ text: '办理游艇驾照', count: 1, kiosks: 1, halls: ['nanhai'] }),
    ]);
    expect((await list(admin, '?hall=shishan')).sentences).toEqual([expect.objectContaining({ text: '宠物寄养要什么手续', count: 1, kiosks: 1 })]);
    // Keyset pages: one at a time, then nothing left.
    const first = await list(admin, '?limit=1');
    expect(first.sentences.map((s) => s.text)).toEqual(['宠物寄养要什么手续']);
    const second = await list(admin, `?limit=1&after=${first.next}`);
    expect(second).toEqual({ sentences: [expect.objectContaining({ text: '办理游艇驾照' })], next: null });
    expect((await admin.get('/api/unfound-sentences?after=nonsense')).status).toBe(400);
    // The console never held more than the text: no session, person or item.
    const [row] = await c.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM service_reports WHERE kind = 'unfound-sentence'`);
    expect(row?.n).toBe(4);
  });

  it.skipIf(!database.available)('shows them to content editors, publishers and administrators; a hall manager their halls only; a viewer not', async () => {
    const editor = await admin.create('editor-unfound', 'content-editor');
    expect((await list(editor)).sentences.map((s) => s.text)).toEqual(['宠物寄养要什么手续', '办理游艇驾照']);
    const publisher = await admin.create('publisher-unfound', 'publisher');
    expect((await publisher.get('/api/unfound-sentences')).status).toBe(200);
    const manager = await admin.create('shishan-unfound', 'hall-manager', ['shishan']);
    expect((await list(manager)).sentences).toEqual([expect.objectContaining({ text: '宠物寄养要什么手续', count: 1, kiosks: 1, halls: ['shishan'] })]);
    expect((await list(manager, '?hall=nanhai')).sentences).toEqual([]);
    const viewer = await admin.create('viewer-unfound', 'viewer');
    expect((await viewer.get('/api/unfound-sentences')).status).toBe(403);
    expect((await viewer.download('/api/unfound-sentences/export?format=csv')).status).toBe(403);

    const csv = await (await editor.download('/api/unfound-sentences/export?format=csv')).text();
    expect(csv.split('\r\n').slice(0, 3)).toEqual([
      '问句,次数,终端数,大厅,首次,最近',
      expect.stringMatching(/^宠物寄养要什么手续,3,2,nanhai;shishan,/),
      expect.stringMatching(/^办理游艇驾照,1,1,nanhai,/),
    ]);
  });

  it.skipIf(!database.available)('drops a sentence no kiosk typed for 180 days in the sweep', async () => {
    clock.advance(100 * DAY);
    await c.sweep();
    expect(await send(shishan, [sentence('办理游艇驾照')])).toMatchObject({ ok: true });
    clock.advance(81 * DAY);
    await c.sweep();
    admin = await Operator.signIn(c.url, 'admin', ADMIN_PASSWORD);
    // Gone where last typed 181 days ago; kept where typed 81 days ago.
    expect((await list(admin)).sentences).toEqual([expect.objectContaining({ text: '办理游艇驾照', count: 1, kiosks: 1, halls: ['shishan'] })]);
  });
});
