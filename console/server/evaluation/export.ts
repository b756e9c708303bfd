import ExcelJS from 'exceljs';
import { RATING_LEVELS } from '../../../kernel/rating';
import type { CaseView, StatsAnswer, UnfoundSentenceView } from '../../shared/evaluation';

/** Tables of cases and statistics as CSV (UTF-8 with BOM, so Excel reads the Chinese) and XLSX. */
export interface Table {
  readonly name: string;
  readonly header: readonly string[];
  readonly rows: ReadonlyArray<ReadonlyArray<string | number | null>>;
}

const pct = (v: number | null): number | null => (v === null ? null : Math.round(v * 10_000) / 100);

export function statsTable(s: StatsAnswer): Table {
  return {
    name: `好差评统计 ${s.from}~${s.to}`.slice(0, 31),
    header: [s.by, ...RATING_LEVELS.map((l) => l.zh), '评价数', '差评数', '会话数', '好评率%', '评价覆盖率%', '差评回复率%', '回访整改率%', '回访整改满意率%'],
    rows: [...s.rows, s.total].map((r) => [
      r.key === 'total' ? '合计' : r.key,
      ...RATING_LEVELS.map((l) => r.levels[l.id]),
      r.ratings,
      r.bad,
      r.sessions,
      pct(r.goodRate),
      pct(r.ratedShare),
      pct(r.badReplyRate),
      pct(r.rectifyRate),
      pct(r.rectifySatisfiedRate),
    ]),
  };
}

const TYPE_ZH: Record<CaseView['type'], string> = { 'bad-rating': '差评', complaint: '投诉', 'cannot-do': '办不成事' };

/** Exports carry no personal data: the contact is left out, whoever exports. */
export function casesTable(cases: readonly CaseView[]): Table {
  return {
    name: '差评回访整改台账',
    header: ['编号', '类型', '状态', '大厅', '终端', '受理时间', '事项', '窗口', '评价等级', '原因/类别', '描述', '核实', '回访', '整改', '法律依据', '满意度', '答复', '办结期限', '紧急程度', '办结时间'],
    rows: cases.map((c) => [
      c.number,
      TYPE_ZH[c.type],
      c.state,
      c.hallId,
      c.kioskId,
      c.openedAt,
      c.itemCode,
      c.windowId,
      c.level,
      c.reasons.length > 0 ? c.reasons.join(';') : c.category,
      c.description,
      c.verification?.note ?? null,
      c.contacted?.note ?? null,
      c.rectification?.note ?? null,
      c.rectification?.legalBasis ?? null,
      c.satisfaction?.value ?? null,
      c.answer?.text ?? null,
      c.replyDue,
      c.urgency,
      c.closedAt,
    ]),
  };
}

/** 智能导办's sentences that found nothing: already without personal data (scrubbed at the kiosk). */
export function unfoundTable(sentences: readonly UnfoundSentenceView[]): Table {
  return {
    name: '未找到的问句',
    header: ['问句', '次数', '终端数', '大厅', '首次', '最近'],
    rows: sentences.map((s) => [s.text, s.count, s.kiosks, s.halls.join(';'), s.firstSeen, s.lastSeen]),
  };
}

const csvCell = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(v);
  // A cell starting with = + - @ would be a formula in a spreadsheet: quoted with a leading apostrophe.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

export const toCsv = (t: Table): string => `\uFEFF${[t.header, ...t.rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;

export async function toXlsx(t: Table): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'fleet-console';
  const ws = wb.addWorksheet(t.name.replace(/[\\/*?:[\]]/g, ' '));
  ws.addRow([...t.header]).font = { bold: true };
  for (const r of t.rows) ws.addRow([...r]);
  ws.columns.forEach((c) => (c.width = 14));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
