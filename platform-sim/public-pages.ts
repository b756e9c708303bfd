import { decodeMaterialsLink, handInText, type ApplicationProgress, type FiledApplication, type LinkedMaterial } from '../platform-wire/model';

/**
 * The platform's public pages, what a phone opens from a kiosk's QR code: an application's progress
 * (by number, or by the slip a kiosk printed while it waited) and the list of materials to provide.
 * Plain server-rendered HTML, no script: a stand-in for the province's public site.
 */
export interface PublicPageData {
  progress(number: string): ApplicationProgress | null;
  bySlip(slip: string): FiledApplication | null;
  filed(number: string): FiledApplication | null;
  itemName(code: string): string | null;
  materialName(itemCode: string, materialId: string): string | null;
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title: string, body: string): string =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title></head><body><main><h1>${esc(title)}</h1>${body}</main></body></html>`;

const STATUS_ZH: Record<string, string> = { accepted: '已受理', reviewing: '审查中', 'correction-required': '需补正', completed: '已办结', rejected: '不予受理' };
const UNIT_ZH = { w: '个工作日', n: '个自然日', h: '小时' } as const;

function materialsList(items: ReadonlyArray<{ name: string; handIn: string; notes: string[] }>): string {
  if (items.length === 0) return '<p data-testid="no-materials">无需再提供材料。</p>';
  return `<ol data-testid="materials">${items.map((m) => `<li><strong>${esc(m.name)}</strong>（${esc(m.handIn)}）${m.notes.map((n) => `<br>${esc(n)}`).join('')}</li>`).join('')}</ol>`;
}

const linkedNotes = (m: LinkedMaterial): string[] => [
  ...(m.conditional ? ['如适用'] : []),
  ...(m.optional ? ['非必要'] : []),
  ...(m.deferral ? [`容缺：${m.deferral.value}${UNIT_ZH[m.deferral.unit]}内补交`] : []),
  ...(m.paperOnly ? ['仅纸质，须到窗口递交'] : []),
];

/** GET /public/materials?item=&m=: the materials a kiosk's 一次性告知单 or receipt listed. */
export function materialsPage(data: PublicPageData, query: URLSearchParams): { status: number; html: string } {
  const item = query.get('item') ?? '';
  const name = data.itemName(item);
  const list = decodeMaterialsLink(query.get('m') ?? '');
  if (!name || !list) return { status: 404, html: page('未找到', '<p>二维码内容无法识别，请到窗口咨询。</p>') };
  const entries = list.map((m) => ({ name: data.materialName(item, m.id) ?? m.id, handIn: handInText(m.originals, m.copies), notes: linkedNotes(m) }));
  return { status: 200, html: page(`${name}：还需提供的材料`, materialsList(entries)) };
}

/** GET /public/progress?number=|slip=: where an application stands (a slip not yet delivered says so). */
export function progressPage(data: PublicPageData, query: URLSearchParams): { status: number; html: string } {
  const slip = query.get('slip');
  const filed = slip ? data.bySlip(slip) : data.filed(query.get('number') ?? '');
  if (!filed) {
    return slip
      ? { status: 404, html: page('暂存凭条', `<p data-testid="slip-waiting">暂存编号 ${esc(slip)} 的申请尚未送达平台：终端将在网络恢复后自动提交，请稍后再查。</p>`) }
      : { status: 404, html: page('未找到', '<p>没有这个办件编号。</p>') };
  }
  const p = data.progress(filed.applicationNumber);
  const facts = [
    ['办件编号', filed.applicationNumber],
    ['事项', filed.itemName],
    ['状态', STATUS_ZH[p?.status ?? filed.status] ?? filed.status],
    ['承诺办结', filed.promisedDate],
    ...(filed.handledBy ? [['受理地', `${filed.handledBy}（跨域通办）`]] : []),
  ];
  const dl = `<dl>${facts.map(([k, v]) => `<dt>${esc(k ?? '')}</dt><dd data-testid="fact">${esc(v ?? '')}</dd>`).join('')}</dl>`;
  const list = materialsList(
    filed.toProvide.map((m) => ({
      name: m.name,
      handIn: m.handIn,
      notes: [...(m.ifApplicable !== null ? [`如适用${m.ifApplicable ? `：${m.ifApplicable}` : ''}`] : []), ...(m.optional ? ['非必要'] : []), ...(m.deferral ? [`容缺：${m.deferral}`] : []), ...(m.paperOnly ? ['仅纸质，须到窗口递交'] : [])],
    })),
  );
  return { status: 200, html: page('办件进度', `${dl}<h2>还需提供的材料</h2>${list}`) };
}
