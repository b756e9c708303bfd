import type { Duration, LocalText, Material, ServiceItem } from '../../../../contract';
import { materialCopiesZh } from './material-copies';
import type { ReceiptInput } from '../printing/usePrinter';

const zh = (l: LocalText | undefined): string => l?.zh ?? '';
export const zhDuration = (d: Duration): string =>
  d.unit === 'on_the_spot' ? '当场办结' : `${d.value}${d.unit === 'working_day' ? '个工作日' : d.unit === 'natural_day' ? '个自然日' : '小时'}`;

/** Where to go: the hall and its windows, as named in the guide (the names already say 窗口 / 专窗 / 服务厅). */
export const placeZh = (l: ServiceItem['guide']['location']): string => `${zh(l.address)}${l.windows.length ? ` ${l.windows.join('、')}` : ''}`;

function materialLine(m: Material, i: number): string[] {
  const lines = [`${i + 1}. ${zh(m.name)}（${materialCopiesZh(m)}${m.necessity === 'optional' ? '，非必要' : ''}）`];
  if (m.eCertificate) {
    lines.push(m.eCertificate.mode === 'exempt_submission' ? `   免提交：系统调取${zh(m.eCertificate.certificate)}` : `   可用${zh(m.eCertificate.certificate)}替代`);
  }
  if (m.necessity === 'deferrable') lines.push(`   容缺：可先受理${m.deferral ? `，${zhDuration(m.deferral.deadline)}内补交` : ''}`);
  if (m.commitmentAllowed) lines.push('   可签署告知承诺书替代');
  if (m.commitmentLetter) lines.push('   可在自助终端屏幕上签署，无需携带纸质件');
  return lines;
}

/**
 * 一次性告知: the complete list of what to bring for this item (the paper is the official record,
 * so it is printed in Chinese), with the window and hours.
 */
export function oneTimeNotice(item: ServiceItem, materials: readonly Material[], printedAt: Date): ReceiptInput {
  const g = item.guide;
  return {
    title: '一次性告知单',
    subtitle: zh(item.name),
    fields: [
      { label: '实施部门', value: zh(item.department) },
      { label: '承诺时限', value: zhDuration(g.timeLimits.promised) },
      ...(g.timeLimits.statutory ? [{ label: '法定时限', value: zhDuration(g.timeLimits.statutory) }] : []),
      { label: '收费', value: g.fees.charged ? g.fees.items.map((f) => `${zh(f.name)} ${zh(f.standard)}`).join('；') || '收费' : '不收费' },
    ],
    text: [
      '申请材料：',
      ...materials.flatMap(materialLine),
      ...(g.conditions.length ? ['申请条件：', ...g.conditions.map((c, i) => `${i + 1}. ${zh(c.text)}`)] : []),
      `办理地点：${placeZh(g.location)}`,
      `办理时间：${zh(g.location.hours)}`,
      `咨询电话：${g.consultationPhone}  监督电话：${g.supervisionPhone}`,
    ],
    footer: [`打印时间：${printedAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}`],
  };
}
