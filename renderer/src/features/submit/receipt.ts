import { slipNumber, type ApplicationDecision, type Duration, type MaterialToProvide, type ServiceItem } from '../../../../contract';
import { placeZh, zhDuration } from '../item/notice';
import { progressQr, provideLinesZh } from '../item/provide';
import { receiptLabel, receiptLine, type ReceiptLang } from '../printing/receipt-labels';
import type { ReceiptInput } from '../printing/usePrinter';

/** What a receipt says of a filing: as the submit screen holds it, or as the platform gives it back by its slip. */
export interface FilingForReceipt {
  readonly applicationNumber: string | null;
  readonly slipNumber: string | null;
  readonly promisedDate: string | null;
  readonly submittedAt: string;
  readonly decision?: ApplicationDecision | null;
  readonly toProvide: readonly MaterialToProvide[];
  /** 跨域通办: the region whose authority handles it. */
  readonly handledBy?: string | null;
}

/** Reads a scanned or typed progress code: a receipt or slip QR URL, a slip number, or an application number. */
export function parseProgressCode(raw: string): { number: string } | { slip: string } | { receiptId: string } | null {
  const text = raw.trim();
  if (!text) return null;
  try {
    const url = new URL(text);
    const number = url.searchParams.get('number');
    const slip = url.searchParams.get('slip');
    const receipt = url.searchParams.get('receipt');
    if (number) return { number };
    if (slip) return { slip: slip.toUpperCase() };
    if (receipt) return { receiptId: receipt };
    return null;
  } catch {
    if (slipNumber.safeParse(text.toUpperCase()).success) return { slip: text.toUpperCase() };
    return /^[A-Za-z0-9-]{6,40}$/.test(text) ? { number: text.toUpperCase() } : null;
  }
}

const fmt = (iso: string): string => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** The item's promised limit as a receipt states it: 当场办结, or "3个工作日内". */
export const promisedLimitZh = (d: Duration): string => (d.unit === 'on_the_spot' ? zhDuration(d) : `${zhDuration(d)}内`);

/**
 * 受理回执, or 办结通知书 after an instant decision: printed in Chinese, the official record, only for
 * an application the platform took (a queued one gets the 暂存凭条, a refused one nothing). It lists
 * what is still to provide, and its QR code opens the public progress page. In an English session each
 * label also says it in English, after the Chinese.
 */
export function submissionReceipt(item: ServiceItem, f: FilingForReceipt, publicUrl: string | null, lang: ReceiptLang = 'zh-CN'): ReceiptInput {
  const g = item.guide;
  const approved = f.decision?.outcome === 'approved' ? f.decision : null;
  const place = placeZh(g.location);
  const qr = progressQr(publicUrl, f);
  const common = {
    subtitle: item.name.zh,
    ...(qr ? { qr } : {}),
    ...(f.applicationNumber ? { barcode: f.applicationNumber } : {}),
    footer: [receiptLine('consultationPhone', g.consultationPhone, lang), ...(f.slipNumber ? [receiptLine('slipNumber', f.slipNumber, lang)] : [])],
  };
  const label = (key: Parameters<typeof receiptLabel>[0]): string => receiptLabel(key, lang);
  const number = { label: label('caseNumber'), value: f.applicationNumber ?? '' };
  const submitted = { label: label('submittedAt'), value: fmt(f.submittedAt) };
  if (approved) {
    return {
      ...common,
      title: '办结通知书',
      stamp: '已办结',
      fields: [
        number,
        submitted,
        { label: label('decidedAt'), value: fmt(approved.decidedAt) },
        { label: label('result'), value: approved.automated ? '秒批通过（系统自动审批）' : '准予' },
        ...approved.documents.map((d) => ({ label: label('certificate'), value: `${d.title}（${d.certificateId}）` })),
      ],
      text: [
        '本事项已办结，无需到窗口递交或核验材料。',
        ...(approved.documents.length ? [`结果证照已签发为电子证照，同步至企业名下；需要纸质证照的，可到${place}领取。`] : []),
        ...(qr ? ['扫描下方二维码查询办理结果。'] : []),
      ],
    };
  }
  return {
    ...common,
    title: '申请受理回执',
    fields: [
      number,
      submitted,
      f.promisedDate ? { label: label('promisedDate'), value: f.promisedDate } : { label: label('promisedLimit'), value: promisedLimitZh(g.timeLimits.promised) },
      ...(f.handledBy ? [{ label: label('handledBy'), value: `${f.handledBy}（跨域通办）` }] : []),
    ],
    text: [...provideLinesZh(f.toProvide, place), ...(qr ? ['扫描下方二维码查询办理进度和本清单。'] : [])],
  };
}

/**
 * 暂存凭条: what a person takes home when the platform could not be reached. It says plainly that it
 * is not a receipt of acceptance, that the kiosk will send the application, and how to get the real
 * receipt (by the slip number, at any kiosk); no application number, no promised date.
 */
export function slipReceipt(item: ServiceItem, f: FilingForReceipt, publicUrl: string | null, lang: ReceiptLang = 'zh-CN'): ReceiptInput {
  const g = item.guide;
  const qr = progressQr(publicUrl, { applicationNumber: null, slipNumber: f.slipNumber });
  return {
    title: '暂存凭条',
    subtitle: item.name.zh,
    stamp: '尚未受理',
    fields: [
      { label: receiptLabel('slipNumber', lang), value: f.slipNumber ?? '' },
      { label: receiptLabel('slipTime', lang), value: fmt(f.submittedAt) },
    ],
    text: [
      '本凭条不是受理回执：政务服务平台暂时无法连接，您的申请已加密保存在本终端，平台恢复后自动提交。',
      '提交后，可凭暂存编号在任一自助终端“办件查询”打印受理回执（含办件编号和承诺办结日期）。',
      ...provideLinesZh(f.toProvide, placeZh(g.location)),
      ...(qr ? ['扫描下方二维码查看是否已提交。'] : []),
    ],
    ...(qr ? { qr } : {}),
    ...(f.slipNumber ? { barcode: f.slipNumber } : {}),
    footer: [receiptLine('consultationPhone', g.consultationPhone, lang)],
  };
}
