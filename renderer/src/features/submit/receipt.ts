import type { Material, ServiceItem } from '../../../../electron/contract/content';
import type { ReceiptTemplate } from '../item/print';
import type { SubmissionOutcome } from '../form/draft';

/** The QR payload on a receipt: progress lookup by application number (or, while queued, by receipt). */
export function progressQr(outcome: SubmissionOutcome): string {
  return outcome.applicationNumber
    ? `https://zwfw.nanhai.example/progress?number=${encodeURIComponent(outcome.applicationNumber)}`
    : `https://zwfw.nanhai.example/progress?receipt=${encodeURIComponent(outcome.receiptId)}`;
}

/** Reads a scanned or typed progress code: a receipt QR URL, or a bare application number. */
export function parseProgressCode(raw: string): { number: string } | { receiptId: string } | null {
  const text = raw.trim();
  if (!text) return null;
  try {
    const url = new URL(text);
    const number = url.searchParams.get('number');
    const receipt = url.searchParams.get('receipt');
    if (number) return { number };
    if (receipt) return { receiptId: receipt };
    return null;
  } catch {
    return /^[A-Za-z0-9-]{6,40}$/.test(text) ? { number: text.toUpperCase() } : null;
  }
}

const fmt = (iso: string): string => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** Materials whose paper original still has to be shown at a window (not replaced by an e-certificate). */
export function originalsToShow(materials: readonly Material[], replaced: ReadonlySet<string>): Material[] {
  return materials.filter((m) => m.originalCount > 0 && m.necessity !== 'optional' && !replaced.has(m.id) && m.eCertificate?.mode !== 'exempt_submission');
}

/** 受理回执: printed in Chinese, the official record. */
export function submissionReceipt(item: ServiceItem, outcome: SubmissionOutcome, originals: readonly Material[]): ReceiptTemplate {
  const g = item.guide;
  // 秒批: decided at intake, so the receipt is also the notice of completion with the result's number.
  const approved = outcome.decision?.outcome === 'approved' ? outcome.decision : null;
  return {
    title: approved ? '办结通知书' : '申请受理回执',
    subtitle: item.name.zh,
    ...(approved ? { stamp: '已办结' } : {}),
    fields: [
      { label: '办件编号', value: outcome.applicationNumber ?? '待发送（平台恢复后自动提交）' },
      { label: '提交时间', value: fmt(outcome.submittedAt) },
      ...(approved
        ? [
            { label: '办理结果', value: approved.automated ? '秒批通过（系统自动审批）' : '准予' },
            ...approved.documents.map((d) => ({ label: '结果证照', value: `${d.title}（${d.certificateId}）` })),
          ]
        : [{ label: '承诺办结', value: outcome.promisedDate ?? `${g.timeLimits.promised.value}个工作日内` }]),
    ],
    text: [
      ...(originals.length
        ? [`请携带以下材料原件到${g.location.address.zh}${g.location.windows.length ? ` ${g.location.windows.join('、')}窗口` : ''}核验：`, ...originals.map((m, i) => `${i + 1}. ${m.name.zh}`)]
        : ['无需到窗口递交纸质材料。']),
      '扫描下方二维码查询办理进度。',
    ],
    qr: progressQr(outcome),
    ...(outcome.applicationNumber ? { barcode: outcome.applicationNumber } : {}),
    footer: [`咨询电话：${g.consultationPhone}`],
  };
}
