import type { ReceiptTemplate } from '../../kernel/receipt';

/**
 * The technician's test receipt: Chinese text in the printer's encoding (including rarer characters of
 * GB18030 that GBK-only firmware gets wrong), a QR code to scan back, a barcode, and the cut. What
 * comes out says at a glance which part of the printer works.
 */
export function testReceipt(kioskId: string, at: Date): ReceiptTemplate {
  const stamp = at.toISOString().replace('T', ' ').slice(0, 19);
  return {
    title: '自助终端打印测试',
    subtitle: 'Printer self-test',
    fields: [
      { label: '终端', value: kioskId },
      { label: '时间', value: `${stamp} UTC` },
    ],
    text: [
      '中文测试：政务服务 一网通办 好差评 免证办 秒批',
      '生僻字测试：㐀 䶮 𠀀（GB18030）',
      '下方二维码扫描后应显示本终端编号。',
    ],
    qr: `kiosk-selftest:${kioskId}:${at.getTime()}`,
    barcode: 'SELFTEST',
    footer: ['本行之后应自动切纸', 'End of test receipt: the paper is cut below.'],
  };
}
