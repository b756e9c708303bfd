import type { Duration, LocalText, MaterialToProvide, ServiceItem } from '../../../../contract';
import { receiptLabel, receiptLine, type ReceiptLang } from '../printing/receipt-labels';
import type { ReceiptInput } from '../printing/usePrinter';
import { provideLinesZh } from './provide';

const zh = (l: LocalText | undefined): string => l?.zh ?? '';
export const zhDuration = (d: Duration): string =>
  d.unit === 'on_the_spot' ? '当场办结' : `${d.value}${d.unit === 'working_day' ? '个工作日' : d.unit === 'natural_day' ? '个自然日' : '小时'}`;

/** Where to go: the hall and its windows, as named in the guide (the names already say 窗口 / 专窗 / 服务厅). */
export const placeZh = (l: ServiceItem['guide']['location']): string => `${zh(l.address)}${l.windows.length ? ` ${l.windows.join('、')}` : ''}`;

/**
 * 一次性告知: everything to provide for this item, as far as the person's answers and choices say
 * (what depends on a question not yet answered is marked 如适用), with the window and hours; the paper
 * is the official record, so it is printed in Chinese (an English session adds English to the labels).
 * Its QR code opens the same list on a phone.
 */
export function oneTimeNotice(item: ServiceItem, toProvide: readonly MaterialToProvide[], printedAt: Date, qr?: string, lang: ReceiptLang = 'zh-CN'): ReceiptInput {
  const g = item.guide;
  const label = (key: Parameters<typeof receiptLabel>[0]): string => receiptLabel(key, lang);
  return {
    title: '一次性告知单',
    subtitle: zh(item.name),
    fields: [
      { label: label('department'), value: zh(item.department) },
      { label: label('promisedLimit'), value: zhDuration(g.timeLimits.promised) },
      ...(g.timeLimits.statutory ? [{ label: label('statutoryLimit'), value: zhDuration(g.timeLimits.statutory) }] : []),
      { label: label('fees'), value: g.fees.charged ? g.fees.items.map((f) => `${zh(f.name)} ${zh(f.standard)}`).join('；') || '收费' : '不收费' },
    ],
    text: [
      ...provideLinesZh(toProvide, placeZh(g.location)),
      ...(g.conditions.length ? ['申请条件：', ...g.conditions.map((c, i) => `${i + 1}. ${zh(c.text)}`)] : []),
      `办理地点：${placeZh(g.location)}`,
      `办理时间：${zh(g.location.hours)}`,
      `咨询电话：${g.consultationPhone}  监督电话：${g.supervisionPhone}`,
      ...(qr ? ['扫描下方二维码，在手机上查看本清单。'] : []),
    ],
    ...(qr ? { qr } : {}),
    footer: [receiptLine('printedAt', printedAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }), lang)],
  };
}
