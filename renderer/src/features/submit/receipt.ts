import type { Duration, Material, ServiceItem } from '../../../../contract';
import { placeZh, zhDuration } from '../item/notice';
import type { ReceiptInput } from '../printing/usePrinter';
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

/** The item's promised limit as a receipt states it: 当场办结, or "3个工作日内". */
export const promisedLimitZh = (d: Duration): string => (d.unit === 'on_the_spot' ? zhDuration(d) : `${zhDuration(d)}内`);

/**
 * Materials the person no longer hands in on paper: replaced by an e-certificate they agreed to
 * use, or — once the 告知承诺书 is signed on screen — the letter itself and what the commitment
 * may replace.
 */
export function replacedMaterialIds(materials: readonly Material[], ecertMaterialIds: readonly string[], committed: boolean): Set<string> {
  return new Set([...ecertMaterialIds, ...(committed ? materials.filter((m) => m.commitmentLetter || m.commitmentAllowed).map((m) => m.id) : [])]);
}

/** Materials whose paper original still has to be shown at a window (not replaced by an e-certificate or the signed commitment). */
export function originalsToShow(materials: readonly Material[], replaced: ReadonlySet<string>): Material[] {
  return materials.filter((m) => m.originalCount > 0 && m.necessity !== 'optional' && !replaced.has(m.id) && m.eCertificate?.mode !== 'exempt_submission');
}

/**
 * 受理回执, or 办结通知书 after an instant decision: printed in Chinese, the official record. Never
 * for an application the platform did not take (the caller shows the refusal instead).
 */
export function submissionReceipt(item: ServiceItem, outcome: SubmissionOutcome, originals: readonly Material[]): ReceiptInput {
  const g = item.guide;
  // 秒批: decided at intake, so the receipt is the notice of completion with the result's number.
  const approved = outcome.decision?.outcome === 'approved' ? outcome.decision : null;
  const place = placeZh(g.location);
  const common = { subtitle: item.name.zh, qr: progressQr(outcome), ...(outcome.applicationNumber ? { barcode: outcome.applicationNumber } : {}), footer: [`咨询电话：${g.consultationPhone}`] };
  const number = { label: '办件编号', value: outcome.applicationNumber ?? '待发送（平台恢复后自动提交）' };
  const submitted = { label: '提交时间', value: fmt(outcome.submittedAt) };
  if (approved) {
    return {
      ...common,
      title: '办结通知书',
      stamp: '已办结',
      fields: [
        number,
        submitted,
        { label: '办结时间', value: fmt(approved.decidedAt) },
        { label: '办理结果', value: approved.automated ? '秒批通过（系统自动审批）' : '准予' },
        ...approved.documents.map((d) => ({ label: '结果证照', value: `${d.title}（${d.certificateId}）` })),
      ],
      text: [
        '本事项已办结，无需到窗口递交或核验材料。',
        ...(approved.documents.length ? [`结果证照已签发为电子证照，同步至企业名下；需要纸质证照的，可到${place}领取。`] : []),
        '扫描下方二维码查询办理结果。',
      ],
    };
  }
  return {
    ...common,
    title: '申请受理回执',
    fields: [
      number,
      submitted,
      outcome.promisedDate ? { label: '承诺办结', value: outcome.promisedDate } : { label: '承诺时限', value: promisedLimitZh(g.timeLimits.promised) },
    ],
    text: [
      ...(originals.length
        ? [`请携带以下材料原件到${place}核验：`, ...originals.map((m, i) => `${i + 1}. ${m.name.zh}`)]
        : ['无需到窗口递交纸质材料。']),
      '扫描下方二维码查询办理进度。',
    ],
  };
}
