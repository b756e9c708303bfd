import { IdCardReader } from '../../hardware/drivers/idcard/driver';
import { SAM } from '../../hardware/protocols/idcard/commands';
import { encodeCommand, encodeResponse } from '../../hardware/protocols/idcard/frame';
import { buildReceipt } from '../../hardware/receipts/build';
import type { ReceiptTemplate } from '../../kernel/receipt';
import { SAMPLE_CARDS, dummyWlt } from '../../hardware/testing/simulators/sample-cards';
import { control, startSimulatedDevice } from '../../hardware/testing/simulators/spawn';

/**
 * `npm run bench hardware`: (1) a full ID card read through the driver over a socat PTY against the
 * simulator, which paces its replies to 115200 Bd, compared with the wire time of the same bytes;
 * (2) building an 80 mm receipt with Chinese text and a QR code.
 */
const BAUD = 115200;
const READS = 30;

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function benchCardRead(): Promise<void> {
  const rig = await startSimulatedDevice('idReader', { baud: BAUD });
  const reader = new IdCardReader({ path: rig.pty.hostPath, baudRate: BAUD, autoPoll: false, readTimeoutMs: 2000 });
  try {
    reader.start();
    await reader.waitFor('ready', 10_000);
    await control(rig.sim.control, 'POST /card/insert', { card: 'valid' });
    const times: number[] = [];
    for (let i = 0; i < READS + 3; i++) {
      const t0 = performance.now();
      const outcome = await reader.readOnce();
      const dt = performance.now() - t0;
      if (outcome.kind !== 'card') throw new Error(`read ${i} failed: ${JSON.stringify(outcome)}`);
      if (i >= 3) times.push(dt); // first reads warm up the JIT
    }
    const readReply = encodeResponse(0x90, Buffer.concat([Buffer.from([1, 0, 4, 0]), SAMPLE_CARDS.valid.text!, dummyWlt(5)]));
    const bytes =
      encodeCommand(...SAM.findCard).length + encodeResponse(0x9f).length +
      encodeCommand(...SAM.selectCard).length + encodeResponse(0x90).length +
      encodeCommand(...SAM.readTextPhoto).length + readReply.length;
    const wireMs = ((bytes * 10) / BAUD) * 1000;
    const m = mean(times);
    console.log(`ID card read (find + select + read text+photo), ${READS} reads over a PTY at ${BAUD} Bd`);
    console.log(`  bytes on the wire: ${bytes}; wire time at ${BAUD} Bd (8N1): ${wireMs.toFixed(1)} ms`);
    console.log(`  driver time per read: mean ${m.toFixed(1)} ms, p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms`);
    console.log(`  ratio mean/wire: ${(m / wireMs).toFixed(2)}x (goal <= 1.3x)`);
    console.log('  note: the simulator paces its replies to the baud rate; host commands (30 bytes) are not paced by the PTY');
  } finally {
    await reader.stop();
    await rig.close();
  }
}

function benchReceipt(): void {
  const template: ReceiptTemplate = {
    title: '佛山市南海区政务服务中心',
    subtitle: '企业开办一窗通办回执',
    fields: [
      { label: '办件编号', value: 'GD2026112500012' },
      { label: '事项名称', value: '企业开办登记（设立）——有限责任公司设立登记' },
      { label: '申请人', value: '黄*试' },
      { label: '办理时间', value: '2026-11-25 10:32' },
      { label: '办理窗口', value: '综合受理3号窗口' },
    ],
    text: ['请凭此回执到综合受理3号窗口领取营业执照及印章，领取时请携带本人身份证原件。', '如需查询办理进度，请扫描下方二维码或致电12345。'],
    qr: 'https://z.gd.gov.cn/q?t=GD2026112500012',
    barcode: 'GD2026112500012',
    stamp: '已办结',
    footer: ['谢谢您的评价'],
  };
  for (const qrNative of [true, false]) {
    const profile = { paperWidth: 80, encoding: 'gb18030', qrNative, cutter: true } as const;
    for (let i = 0; i < 20; i++) buildReceipt(template, profile);
    const times: number[] = [];
    let size = 0;
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      size = buildReceipt(template, profile).escpos.length;
      times.push(performance.now() - t0);
    }
    console.log(`receipt build, 80 mm, Chinese text + QR (${qrNative ? 'native GS ( k' : 'raster fallback'}) + barcode, ESC/POS and SVG preview, ${size} bytes`);
    console.log(`  mean ${mean(times).toFixed(2)} ms, p95 ${pct(times, 95).toFixed(2)} ms (goal <= 5 ms)`);
  }
}

await benchCardRead();
benchReceipt();
