import {
  encodeMaterialsLink,
  provideLink,
  provideRecord,
  stillToProvide,
  withRole,
  type LocalText,
  type Material,
  type MaterialToProvide,
  type ServiceItem,
  type SituationFlow,
  type StillToProvide,
} from '../../../../contract';
import type { Role } from '../identity/store';
import { materialCopies, type MaterialCopy } from './material-copies';

/**
 * What the person still has to provide, from the one computation the services, the receipts and the
 * public page share (content-bundle/model/still-to-provide.ts), with this screen's inputs.
 */
export interface ProvideInputs {
  readonly answers?: Readonly<Record<string, string | readonly string[]>>;
  readonly role?: Role | null;
  readonly materialIds?: readonly string[] | null;
  readonly flow?: SituationFlow | null;
  readonly ecerts?: readonly string[];
  readonly committed?: boolean;
  /** The form filled on the kiosk (its material is not asked for); null before any form. */
  readonly formId?: string | null;
}

export function provideFor(item: ServiceItem, i: ProvideInputs = {}): StillToProvide {
  return stillToProvide({
    item,
    answers: withRole(new Map(Object.entries(i.answers ?? {})), i.role ?? null),
    materialIds: i.materialIds ?? null,
    flow: i.flow ?? null,
    choices: { ecertMaterialIds: i.ecerts ?? [], committed: i.committed ?? false, kioskFormId: i.formId ?? null },
  });
}

/** One line of the list as a screen shows it (from the computation, or from a record the platform kept). */
export interface ProvideView {
  readonly id: string;
  readonly name: LocalText;
  /** Copies as the screen words them; null: the record's Chinese words (`handInZh`). */
  readonly copies: readonly MaterialCopy[] | null;
  readonly handInZh: string;
  /** 如适用: the condition in words (an empty text when none can be said), null when it surely applies. */
  readonly condition: LocalText | null;
  readonly optional: boolean;
  readonly deferralZh: string | null;
  readonly deferral: StillToProvide['entries'][number]['deferral'];
  readonly paperOnly: boolean;
  readonly material: Material | null;
}

const EMPTY: LocalText = { zh: '', en: '' };

export function viewOf(list: StillToProvide): ProvideView[] {
  const records = provideRecord(list);
  return list.entries.map((e, i) => ({
    id: e.material.id,
    name: e.material.name,
    copies: materialCopies(e.material),
    handInZh: records[i]!.handIn,
    condition: e.conditional ? (e.condition ?? EMPTY) : null,
    optional: e.optional,
    deferralZh: records[i]!.deferral,
    deferral: e.deferral,
    paperOnly: e.paperOnly,
    material: e.material,
  }));
}

/** The list a platform kept (a reprint, 我的办件): names in English where this kiosk's content has them. */
export function viewOfRecords(records: readonly MaterialToProvide[], item: ServiceItem | null): ProvideView[] {
  return records.map((r) => {
    const material = item?.guide.materials.find((m) => m.id === r.materialId) ?? null;
    return {
      id: r.materialId,
      name: material && material.name.zh === r.name ? material.name : { zh: r.name },
      copies: null,
      handInZh: r.handIn,
      condition: r.ifApplicable === null ? null : { zh: r.ifApplicable },
      optional: r.optional,
      deferralZh: r.deferral,
      deferral: null,
      paperOnly: r.paperOnly,
      material,
    };
  });
}

/** A receipt's QR code holds at most this much (contract/api/devices.ts `qr`). */
const QR_MAX = 500;

/** The public page listing the same materials (what a phone opens); undefined without a public address or when too long. */
export function materialsQr(publicUrl: string | null | undefined, item: ServiceItem, list: StillToProvide): string | undefined {
  if (!publicUrl) return undefined;
  const url = `${publicUrl}/materials?item=${encodeURIComponent(item.code)}&m=${encodeMaterialsLink(provideLink(list))}`;
  return url.length <= QR_MAX ? url : undefined;
}

/** The public progress page of a filing: by its number, or by its slip while it waits. */
export function progressQr(publicUrl: string | null | undefined, o: { applicationNumber: string | null; slipNumber: string | null }): string | undefined {
  if (!publicUrl) return undefined;
  if (o.applicationNumber) return `${publicUrl}/progress?number=${encodeURIComponent(o.applicationNumber)}`;
  return o.slipNumber ? `${publicUrl}/progress?slip=${encodeURIComponent(o.slipNumber)}` : undefined;
}

/**
 * The list on paper (Chinese, the official record): each material with its copies, 如适用 and its
 * condition, 非必要, 容缺, and where it goes; the same words whatever printed it.
 */
export function provideLinesZh(records: readonly MaterialToProvide[], place: string): string[] {
  if (records.length === 0) return ['无需再提供材料。'];
  const lines = ['还需提供的材料：'];
  records.forEach((m, i) => {
    lines.push(`${i + 1}. ${m.name}（${m.handIn}）`);
    if (m.ifApplicable !== null) lines.push(`   如适用${m.ifApplicable ? `：${m.ifApplicable}` : ''}`);
    if (m.optional) lines.push('   非必要');
    if (m.deferral) lines.push(`   容缺：${m.deferral}`);
    if (m.paperOnly) lines.push('   仅纸质，须到窗口递交');
  });
  const paper = records.some((m) => m.paperOnly && m.ifApplicable === null && !m.optional);
  lines.push(paper ? `纸质材料请到${place}递交核验，其余可凭编号在广东政务服务网上传。` : `以上材料可凭编号在广东政务服务网上传，无需到窗口；也可到${place}递交。`);
  return lines;
}
