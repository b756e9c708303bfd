import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRootFrom } from '../../kernel/node/project-root';
import type { ApplicationRequest, ECertificate, EnterpriseProfile } from '../../platform-wire/model';
import { decideRules, type DecisionRecords, type Elsewhere, type PublishedRule, type RuleOutcome } from './engine';

const text = z.object({ zh: z.string(), en: z.string() });

/** What the platform's item library holds of an item (it reads only what it needs, on its own terms). */
const libraryItem = z.object({
  code: z.string(),
  name: text,
  createsEnterprise: z.boolean().default(false),
  guide: z.object({
    timeLimits: z.object({ promised: z.object({ value: z.number(), unit: z.string() }) }),
    materials: z.array(z.object({ id: z.string(), name: z.object({ zh: z.string() }) })).default([]),
  }),
  smartApproval: z
    .object({
      rules: z.array(
        z.object({
          id: z.string(),
          title: text,
          check: z.record(z.string(), z.json()),
          elsewhere: z.object({ authority: text, address: z.string() }).optional(),
        }),
      ),
      result: z.object({ kind: z.string(), name: text }),
    })
    .optional(),
});

export interface SmartApprovalSpec {
  readonly rules: readonly PublishedRule[];
  readonly result: { readonly kind: string; readonly name: { readonly zh: string; readonly en: string } };
}

/** What the platform knows of an item: its promised time limit and, for 秒批 items, its rules. */
export interface PlatformItem {
  readonly name: string;
  readonly promisedWorkingDays: number;
  readonly smartApproval: SmartApprovalSpec | null;
  /** 设立登记: the application creates the enterprise, so it comes without a credit code. */
  readonly createsEnterprise: boolean;
  /** Material names by id, for the public page that shows what to bring. */
  readonly materials: ReadonlyMap<string, string>;
}

const catalogueFile = path.join(projectRootFrom(import.meta.dirname), 'content', 'sample', 'items.json');

/**
 * The platform's own copy of the service catalogue and its 秒批 rules. In production these come
 * from the provincial item library; the simulator reads the published sample catalogue, so both
 * sides hold the same rules while each evaluates them with its own engine on its own data.
 */
export function loadItemLibrary(file = catalogueFile): Map<string, PlatformItem> {
  const items = z.array(libraryItem).parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  return new Map(
    items.map((i) => {
      const promised = i.guide.timeLimits.promised;
      const days = promised.unit === 'on_the_spot' ? 0 : promised.unit === 'natural_day' ? Math.ceil((promised.value * 5) / 7) : promised.value;
      const smartApproval = i.smartApproval ? { rules: i.smartApproval.rules as PublishedRule[], result: i.smartApproval.result } : null;
      const materials = new Map(i.guide.materials.map((m) => [m.id, m.name.zh]));
      return [i.code, { name: i.name.zh, promisedWorkingDays: days, smartApproval, createsEnterprise: i.createsEnterprise, materials }];
    }),
  );
}

/** The records a 秒批 decision reads: the platform's register and certificates, never the kiosk's verdict. */
export function decisionRecords(
  a: ApplicationRequest,
  enterprise: EnterpriseProfile | undefined,
  certificates: readonly ECertificate[],
  today: string,
): DecisionRecords {
  return {
    form: a.formData,
    enterprise: enterprise ?? null,
    applicant: { name: a.applicant.agentName, idNumber: a.applicant.agentIdNumber },
    certificates: enterprise ? certificates.map((c) => ({ kind: c.kind, validUntil: c.validUntil })) : [],
    attachedMaterials: new Set(a.attachments.flatMap((x) => (x.materialId ? [x.materialId] : []))),
    today,
  };
}

/** The simulator's 秒批 decision: approve only when every rule holds on its own data. */
export function decide(item: PlatformItem | undefined, records: DecisionRecords): { outcomes: RuleOutcome[]; approve: boolean; elsewhere: Elsewhere | null } | null {
  if (!item?.smartApproval) return null;
  return decideRules(item.smartApproval.rules, records);
}

const addYears = (iso: string, years: number): string => `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`;
const VALIDITY_YEARS: Record<string, number | null> = {
  'business-licence': null, // 长期
  'food-business-licence': 5,
  'public-place-hygiene-licence': 4,
};

/**
 * The document an instant approval issues, as an e-certificate body the platform then signs: an
 * amended business licence carries the new name; a renewal extends the licence from today.
 */
export function resultCertificate(
  result: SmartApprovalSpec['result'],
  a: ApplicationRequest,
  enterprise: EnterpriseProfile,
  previous: ECertificate | undefined,
  today: string,
  seq: number,
): Omit<ECertificate, 'hash' | 'signature' | 'signatureKeyId'> {
  const renamed = a.formData.changeItem === 'name' && typeof a.formData.after === 'string' ? a.formData.after.trim() : null;
  const years = VALIDITY_YEARS[result.kind] ?? 5;
  const kind = (previous?.kind ?? result.kind) as ECertificate['kind'];
  return {
    certificateId: `${kind.slice(0, 2).toUpperCase()}-${today.replace(/-/g, '')}-${String(seq).padStart(4, '0')}`,
    kind,
    name: previous?.name ?? result.name.zh,
    number: kind === 'business-licence' ? enterprise.creditCode : (previous?.number ?? `NH${today.replace(/-/g, '')}${seq}`),
    holderCode: enterprise.creditCode,
    holderName: renamed ?? enterprise.name,
    issuer: previous?.issuer ?? '佛山市南海区市场监督管理局',
    issuedOn: today,
    validFrom: today,
    validUntil: years === null ? null : addYears(previous?.validUntil && previous.validUntil > today ? previous.validUntil : today, years),
    ...(previous?.scope ? { scope: previous.scope } : {}),
  };
}
