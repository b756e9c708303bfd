import { createHash, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import {
  applicationRequest,
  canonicalCertificateJson,
  enterpriseStanding,
  evaluation,
  feedback,
  helpRequest,
  appointmentRequest,
  queueTicketRequest,
  type AppointmentSlot,
  type ApplicationRequest,
  type EnterpriseProfile,
  type ApplicationProgress,
  type ApplicationReceipt,
  type ECertificate,
  type FiledApplication,
  type MaterialToProvide,
  type HelpStatus,
  type QueueTicket,
  type WindowType,
} from '../platform-wire/model';
import { z } from 'zod';
import { validateCreditCode } from '../kernel/identifiers';
import { belongsElsewhere } from './rules/engine';
import { decide, decisionRecords, loadItemLibrary, resultCertificate, type PlatformItem } from './rules/item-library';
import type { PublicPageData } from './public-pages';
import { regionOf } from './regions';
import { certificateBodies, enterprises, items, laborContracts, persons, staff, windows } from './sample-data';

export interface Answer {
  readonly status: number;
  readonly body: unknown;
}
const ok = (body: unknown, status = 200): Answer => ({ status, body });
const err = (status: number, code: string, message: string, details?: string[]): Answer => ({
  status,
  body: { error: { code, message, ...(details ? { details } : {}) } },
});
const issues = (e: z.ZodError): string[] => e.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);

/** Adds working days (Mon–Fri; public holidays are not modelled by the simulator). */
export function addWorkingDays(from: Date, days: number): string {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left -= 1;
  }
  return d.toISOString().slice(0, 10);
}

const chinaNow = (): Date => new Date(Date.now() + 8 * 3600_000);

/** Everything the simulated platform holds in memory, and what each endpoint does with it. */
/** A captured material page as the platform keeps it for the records: its place, size and digest (the image itself is the back office's). */
export interface ReceivedPage {
  readonly materialId: string;
  readonly page: number;
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
  readonly sha256: string;
}

const receivedPage = (p: ApplicationRequest['pages'][number]): ReceivedPage => {
  const data = Buffer.from(p.dataBase64, 'base64');
  return { materialId: p.materialId, page: p.page, width: p.width, height: p.height, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
};

export class PlatformState {
  readonly issuerKeyId = 'sim-issuer-1';
  private readonly issuer = generateKeyPairSync('ed25519');
  readonly certificates: ECertificate[];
  readonly applications = new Map<string, ApplicationProgress>();
  /** What each application carried (no personal data), so tests and operators can inspect intake. */
  readonly applicationRequests = new Map<
    string,
    { itemCode: string; creditCode: string | null; attachments: ApplicationRequest['attachments']; smartApproval: boolean; pages: ReceivedPage[] }
  >();
  /** Intake facts a reprint and 我的办件 need: the kiosk's slip, what is still to provide, who filed it where. */
  private readonly intake = new Map<
    string,
    { acceptedAt: string; slipNumber: string | null; toProvide: MaterialToProvide[]; handledBy: string | null; kioskId: string | null; applicantIdNumber: string }
  >();
  private readonly slips = new Map<string, string>();
  readonly evaluations: unknown[] = [];
  readonly feedbacks: unknown[] = [];
  readonly help = new Map<string, HelpStatus>();
  readonly tickets: QueueTicket[] = [];
  readonly appointments = new Map<
    string,
    { appointmentId: string; checkInCode: string; slotId: string; status: 'booked' | 'cancelled'; bookedAt: string; boundTo: 'card' | 'phone' | null }
  >();
  private readonly slots = new Map<string, AppointmentSlot>();
  private readonly waiting = new Map<WindowType, number>();
  private readonly ticketSeq = new Map<WindowType, number>();
  private appSeq = 0;
  /** The platform's item library with its 秒批 rules. */
  private readonly ruleBase: Map<string, PlatformItem> = loadItemLibrary();

  constructor(private readonly options: { helpAutoAnswerMs: number }) {
    this.certificates = certificateBodies.map((body) => this.signCertificate(body));
    for (const [i, w] of windows.entries()) this.waiting.set(w.windowType, [6, 3, 4, 2, 1, 0][i] ?? 0);
  }

  private signCertificate(body: Omit<ECertificate, 'hash' | 'signature' | 'signatureKeyId'>): ECertificate {
    const hash = createHash('sha256').update(canonicalCertificateJson(body)).digest('hex');
    const signature = sign(null, Buffer.from(hash), this.issuer.privateKey).toString('base64');
    return { ...body, hash, signature, signatureKeyId: this.issuerKeyId };
  }

  /**
   * 秒批: re-evaluates the item's rules on the platform's own records (never the kiosk's verdict);
   * when all hold, approves at once and issues the result as a signed e-certificate.
   */
  private smartDecision(a: ApplicationRequest, progress: ApplicationProgress, enterprise: EnterpriseProfile | undefined, at: string): void {
    const item = this.ruleBase.get(a.itemCode);
    const today = chinaNow().toISOString().slice(0, 10);
    const holderCerts = this.certificates.filter((c) => c.holderCode === a.applicant.creditCode);
    const verdict = decide(item, decisionRecords(a, enterprise, holderCerts, today));
    if (!verdict || !item?.smartApproval) return;
    if (!verdict.approve || !enterprise) {
      const unmet = verdict.outcomes.filter((r) => !r.met).map((r) => r.title.zh);
      progress.status = 'reviewing';
      progress.history.push({ status: 'reviewing', at, note: `未满足秒批条件，转人工审核：${unmet.join('；')}` });
      return;
    }
    const previous = holderCerts.find((c) => c.kind === item.smartApproval?.result.kind);
    const doc = this.signCertificate(resultCertificate(item.smartApproval.result, a, enterprise, previous, today, this.appSeq));
    if (previous) this.certificates.splice(this.certificates.indexOf(previous), 1);
    this.certificates.push(doc);
    progress.status = 'completed';
    progress.history.push({ status: 'completed', at, note: '秒批：全部规则满足，系统自动审批通过' });
    progress.decision = {
      outcome: 'approved',
      decidedAt: at,
      automated: true,
      reasons: [],
      documents: [{ kind: doc.kind, certificateId: doc.certificateId, title: `${doc.name} ${doc.number}` }],
    };
  }

  issuerKeys(): Answer {
    const der = this.issuer.publicKey.export({ format: 'der', type: 'spki' });
    return ok({ keys: [{ keyId: this.issuerKeyId, publicKeySpkiBase64: der.toString('base64') }] });
  }

  /**
   * The register as it stands now: a back office can change an enterprise's standing after a kiosk
   * looked it up (deregistered in between), and every later answer and filing sees the change.
   */
  private readonly standings = new Map<string, EnterpriseProfile['standing']>();
  private registered(code: string): EnterpriseProfile | undefined {
    const e = enterprises.find((x) => x.creditCode === code);
    const standing = this.standings.get(code);
    return e && standing ? { ...e, standing } : e;
  }

  setStanding(code: string, raw: unknown): Answer {
    const standing = enterpriseStanding.safeParse((raw as { standing?: unknown } | null)?.standing);
    if (!standing.success) return err(400, 'invalid-standing', 'standing must be one of the register\'s values');
    if (!enterprises.some((e) => e.creditCode === code)) return err(404, 'not-found', 'no enterprise with this credit code');
    this.standings.set(code, standing.data);
    return ok({ creditCode: code, standing: standing.data });
  }

  enterprise(code: string): Answer {
    const v = validateCreditCode(code);
    if (!v.ok) return err(400, v.code, v.message.en);
    const e = this.registered(code);
    if (!e) return err(404, 'not-found', 'no enterprise with this credit code');
    const licences = this.certificates
      .filter((c) => c.holderCode === code)
      .map((c) => ({ kind: c.kind, name: c.name, number: c.number, validUntil: c.validUntil }));
    return ok({ ...e, licences });
  }

  certificatesOf(holder: string): Answer {
    if (!validateCreditCode(holder).ok) return err(400, 'invalid-holder', 'holder must be a valid credit code');
    return ok({ certificates: this.certificates.filter((c) => c.holderCode === holder) });
  }

  fileApplication(raw: unknown, kioskId: string | null = null): Answer {
    const parsed = applicationRequest.safeParse(raw);
    if (!parsed.success) return err(422, 'invalid-application', 'the application does not match the schema', issues(parsed.error));
    const a = parsed.data;
    const creditCode = a.applicant.creditCode ?? null;
    // A set-up registration creates the enterprise: it cannot be filed under an existing one, and
    // anything else must name the enterprise it is for.
    const createsEnterprise = this.ruleBase.get(a.itemCode)?.createsEnterprise ?? false;
    if (createsEnterprise && creditCode !== null) return err(422, 'enterprise-not-yet-registered', 'this item registers a new enterprise: file it without a credit code');
    if (!createsEnterprise && creditCode === null) return err(422, 'credit-code-required', 'the applicant enterprise is missing');
    if (creditCode !== null && !validateCreditCode(creditCode).ok) return err(422, 'invalid-credit-code', 'applicant credit code is not valid');
    const enterprise = creditCode === null ? undefined : this.registered(creditCode);
    if (enterprise && (enterprise.standing === 'cancelled' || enterprise.standing === 'revoked')) {
      return err(422, 'enterprise-not-active', `the enterprise is ${enterprise.standing}`);
    }
    for (const att of a.attachments) {
      if (!this.certificates.some((c) => c.certificateId === att.certificateId)) {
        return err(422, 'unknown-certificate', `attachment ${att.certificateId} is not a known e-certificate`);
      }
    }
    // A matter this district does not handle is not taken here: only forwarded to a region that takes it (跨域通办).
    const item = this.ruleBase.get(a.itemCode);
    const today = chinaNow().toISOString().slice(0, 10);
    const moved = item?.smartApproval ? belongsElsewhere(item.smartApproval.rules, decisionRecords(a, enterprise, [], today)) : null;
    const target = moved ? regionOf(moved.address) : null;
    if (moved && !a.crossRegion) return err(422, 'belongs-elsewhere', `this matter is handled by ${moved.authority.en}`, [moved.authority.zh, target?.region ?? '']);
    if (!moved && a.crossRegion) return err(422, 'cross-region-not-needed', 'this matter is handled here');
    if (a.crossRegion && (!target?.acceptsCrossRegion || target.region !== a.crossRegion.targetRegion)) {
      return err(422, 'cross-region-not-accepted', `${a.crossRegion.targetRegion} does not take this matter through the platform`);
    }
    if (a.slipNumber && this.slips.has(a.slipNumber)) return err(409, 'slip-already-filed', 'an application was already filed under this slip');
    const now = chinaNow();
    this.appSeq += 1;
    const number = `NH${now.toISOString().slice(0, 10).replace(/-/g, '')}${String(this.appSeq).padStart(6, '0')}`;
    const promisedDate = addWorkingDays(now, this.ruleBase.get(a.itemCode)?.promisedWorkingDays ?? items[a.itemCode]?.promisedWorkingDays ?? 5);
    const at = new Date().toISOString();
    const progress: ApplicationProgress = {
      applicationNumber: number,
      itemCode: a.itemCode,
      status: 'accepted',
      promisedDate,
      history: [{ status: 'accepted', at, note: '已受理' }],
      corrections: [],
      decision: null,
    };
    const handledBy = target && a.crossRegion ? target.region : null;
    if (handledBy) progress.history.push({ status: 'accepted', at, note: `跨域通办：已转至${target?.authority ?? handledBy}受理` });
    else if (a.smartApproval) this.smartDecision(a, progress, enterprise, at);
    this.applications.set(number, progress);
    this.applicationRequests.set(number, { itemCode: a.itemCode, creditCode, attachments: a.attachments, smartApproval: a.smartApproval, pages: a.pages.map(receivedPage) });
    const slipNumber = a.slipNumber ?? null;
    this.intake.set(number, { acceptedAt: at, slipNumber, toProvide: a.toProvide, handledBy, kioskId, applicantIdNumber: a.applicant.agentIdNumber });
    if (slipNumber) this.slips.set(slipNumber, number);
    const receipt: ApplicationReceipt = {
      applicationNumber: number,
      itemCode: a.itemCode,
      status: progress.status,
      acceptedAt: at,
      promisedDate,
      decision: progress.decision,
      slipNumber,
      toProvide: a.toProvide,
      handledBy,
    };
    return ok(receipt, 201);
  }

  /** An application as the platform holds it now (intake facts and where it stands). */
  private filed(number: string): FiledApplication | null {
    const p = this.applications.get(number);
    const i = this.intake.get(number);
    if (!p || !i) return null;
    return {
      applicationNumber: number,
      itemCode: p.itemCode,
      itemName: this.ruleBase.get(p.itemCode)?.name ?? p.itemCode,
      status: p.status,
      acceptedAt: i.acceptedAt,
      promisedDate: p.promisedDate,
      decision: p.decision,
      slipNumber: i.slipNumber,
      toProvide: i.toProvide,
      handledBy: i.handledBy,
      kioskId: i.kioskId,
    };
  }

  /** What the public pages read (platform-sim/public-pages.ts). */
  publicData(): PublicPageData {
    return {
      progress: (n) => this.applications.get(n) ?? null,
      bySlip: (slip) => {
        const n = this.slips.get(slip);
        return n ? this.filed(n) : null;
      },
      filed: (n) => this.filed(n),
      itemName: (code) => this.ruleBase.get(code)?.name ?? null,
      materialName: (code, id) => this.ruleBase.get(code)?.materials.get(id) ?? null,
    };
  }

  /** The application filed under a kiosk's slip number: its receipt can be reprinted at any kiosk. */
  bySlip(slip: string): Answer {
    const number = this.slips.get(slip);
    const f = number ? this.filed(number) : null;
    return f ? ok({ application: f }) : err(404, 'not-found', 'no application was filed under this slip');
  }

  /** The enterprises a real-name person may act for and their account's mobile (empty for a stranger). */
  personLinks(raw: unknown): Answer {
    const body = z.object({ idNumber: z.string().length(18) }).safeParse(raw);
    if (!body.success) return err(422, 'invalid-request', 'idNumber (18 characters) required', issues(body.error));
    const person = persons[body.data.idNumber.toUpperCase()];
    const linked = (person?.links ?? []).flatMap((l) => {
      const e = this.registered(l.creditCode);
      return e ? [{ creditCode: e.creditCode, name: e.name, relation: l.relation }] : [];
    });
    return ok({ enterprises: linked, mobile: person?.mobile ?? null });
  }

  /**
   * An enterprise's signed e-labour contracts not yet registered for employment, for a person the
   * enterprise lets act for it (its legal representative or a filed agent); nobody else sees its staff.
   */
  laborContracts(raw: unknown): Answer {
    const body = z.object({ creditCode: z.string().length(18), idNumber: z.string().length(18) }).safeParse(raw);
    if (!body.success) return err(422, 'invalid-request', 'creditCode and idNumber (18 characters each) required', issues(body.error));
    const { creditCode, idNumber } = body.data;
    const acts = persons[idNumber.toUpperCase()]?.links.some((l) => l.creditCode === creditCode) ?? false;
    if (!acts) return err(403, 'not-linked', 'this person does not act for this enterprise');
    return ok({ contracts: laborContracts[creditCode] ?? [] });
  }

  /** 我的办件: what a person filed at the hall's kiosks, newest first. */

  casesOf(raw: unknown): Answer {
    const body = z.object({ applicantIdNumber: z.string().length(18) }).safeParse(raw);
    if (!body.success) return err(422, 'invalid-request', 'applicantIdNumber (18 characters) required', issues(body.error));
    const mine = [...this.intake.entries()]
      .filter(([, i]) => i.applicantIdNumber === body.data.applicantIdNumber && i.kioskId !== null)
      .map(([number]) => this.filed(number))
      .filter((f): f is FiledApplication => f !== null)
      .reverse();
    return ok({ applications: mine });
  }

  /** Where a matter at an address belongs (跨域通办: whether that region takes it through the platform). */
  crossRegionTarget(itemCode: string, address: string): Answer {
    if (!itemCode || !address.trim()) return err(400, 'invalid-request', 'itemCode and address are required');
    return ok(regionOf(address));
  }

  progress(number: string): Answer {
    const p = this.applications.get(number);
    return p ? ok(p) : err(404, 'not-found', 'no application with this number');
  }

  /** Staff side (control endpoint): moves an application on, e.g. to 补正 with reasons. */
  advance(number: string, raw: unknown): Answer {
    const p = this.applications.get(number);
    if (!p) return err(404, 'not-found', 'no application with this number');
    const body = z
      .object({ to: z.enum(['reviewing', 'correction-required', 'completed', 'rejected']), note: z.string().optional(), reasons: z.array(z.string()).default([]) })
      .safeParse(raw);
    if (!body.success) return err(400, 'invalid-request', 'bad advance request', issues(body.error));
    const at = new Date().toISOString();
    p.status = body.data.to;
    p.history.push({ status: body.data.to, at, ...(body.data.note ? { note: body.data.note } : {}) });
    if (body.data.to === 'correction-required') p.corrections = body.data.reasons;
    if (body.data.to === 'completed' || body.data.to === 'rejected') {
      p.decision = { outcome: body.data.to === 'completed' ? 'approved' : 'refused', decidedAt: at, automated: false, reasons: body.data.reasons, documents: [] };
    }
    return ok(p);
  }

  evaluate(raw: unknown): Answer {
    const parsed = evaluation.safeParse(raw);
    if (!parsed.success) return err(422, 'invalid-evaluation', 'the evaluation does not match GB/T 39734 data items', issues(parsed.error));
    const id = `EV${randomUUID().slice(0, 8).toUpperCase()}`;
    this.evaluations.push({ id, ...parsed.data });
    const bad = parsed.data.level === 'dissatisfied' || parsed.data.level === 'very-dissatisfied';
    // 差评回访: the centre calls back within one working day when the rater left a number.
    const callBackBy = bad && parsed.data.contactMobile ? addWorkingDays(chinaNow(), 1) : null;
    return ok({ evaluationId: id, receivedAt: new Date().toISOString(), followUpRequired: bad, callBackBy }, 201);
  }

  report(raw: unknown): Answer {
    const parsed = feedback.safeParse(raw);
    if (!parsed.success) return err(422, 'invalid-feedback', 'the report does not match the schema', issues(parsed.error));
    const id = `FK${randomUUID().slice(0, 8).toUpperCase()}`;
    this.feedbacks.push({ id, ...parsed.data });
    return ok({ feedbackId: id, receivedAt: new Date().toISOString(), handlingWindow: '办不成事反映窗口（一楼 12 号窗）' }, 201);
  }

  requestHelp(raw: unknown): Answer {
    const parsed = helpRequest.safeParse(raw);
    if (!parsed.success) return err(422, 'invalid-help-request', 'the help request does not match the schema', issues(parsed.error));
    const helpId = `HP${randomUUID().slice(0, 8).toUpperCase()}`;
    const status: HelpStatus = { helpId, status: 'paged', staffName: null, answer: null, answeredAt: null };
    this.help.set(helpId, status);
    if (this.options.helpAutoAnswerMs > 0) {
      setTimeout(() => this.answerHelp(helpId, { answer: '您好，帮办员马上到您所在的自助终端协助办理，请稍候。' }), this.options.helpAutoAnswerMs).unref();
    }
    return ok(status, 201);
  }

  helpStatus(id: string): Answer {
    const h = this.help.get(id);
    return h ? ok(h) : err(404, 'not-found', 'no help request with this id');
  }

  /** Staff console: the paged staff member answers. */
  answerHelp(id: string, raw: unknown): Answer {
    const h = this.help.get(id);
    if (!h) return err(404, 'not-found', 'no help request with this id');
    const body = z.object({ answer: z.string().min(1), staffId: z.string().optional() }).safeParse(raw);
    if (!body.success) return err(400, 'invalid-request', 'answer needs text', issues(body.error));
    const who = staff.find((s) => s.staffId === body.data.staffId) ?? staff[0];
    Object.assign(h, { status: 'answered', staffName: who.name, answer: body.data.answer, answeredAt: new Date().toISOString() });
    return ok(h);
  }

  windowList(): Answer {
    return ok({ windows: windows.map((w) => ({ windowType: w.windowType, name: w.name, waiting: this.waiting.get(w.windowType) ?? 0, prefix: w.prefix })) });
  }

  takeTicket(raw: unknown): Answer {
    const body = queueTicketRequest.safeParse(raw);
    if (!body.success) return err(422, 'invalid-ticket-request', 'unknown window type', issues(body.error));
    const w = windows.find((x) => x.windowType === body.data.windowType);
    if (!w) return err(422, 'invalid-ticket-request', 'unknown window type');
    const appt = body.data.appointmentId ? this.appointments.get(body.data.appointmentId) : undefined;
    if (body.data.appointmentId && (!appt || appt.status !== 'booked')) return err(422, 'appointment-not-found', 'no booked appointment with this id');
    const local = body.data.local;
    if (local) return ok(this.reconcile(w, local, body.data.holder ?? null), 201);
    const seq = (this.ticketSeq.get(w.windowType) ?? 0) + 1;
    this.ticketSeq.set(w.windowType, seq);
    // An appointment is served first (priority ticket), so nobody waits ahead of it.
    const ahead = appt ? 0 : (this.waiting.get(w.windowType) ?? 0);
    this.waiting.set(w.windowType, (this.waiting.get(w.windowType) ?? 0) + 1);
    const ticket: QueueTicket = {
      ticketNumber: `${appt ? 'Y' : w.prefix}${String(seq).padStart(3, '0')}`,
      windowType: w.windowType,
      waitingAhead: ahead,
      estimatedWaitMinutes: ahead * w.minutesPerPerson,
      issuedAt: new Date().toISOString(),
      appointmentId: body.data.appointmentId ?? null,
      reconciled: false,
    };
    this.tickets.push(ticket);
    if (body.data.holder) this.ticketHolders.set(ticket.ticketNumber, body.data.holder.idNumber);
    return ok(ticket, 201);
  }

  /** Card holders of tickets (the window calls the person, and sees who they are). */
  readonly ticketHolders = new Map<string, string>();

  /**
   * A ticket a kiosk issued from its own range while the platform was down: it joins the queue in the
   * order it was issued (nobody who took a number at the kiosk loses their place) and keeps its number.
   */
  private reconcile(w: (typeof windows)[number], local: { number: string; issuedAt: string }, holder: { idNumber: string } | null): QueueTicket {
    const existing = this.tickets.find((t) => t.ticketNumber === local.number && t.windowType === w.windowType);
    if (existing) return existing;
    const waiting = this.waiting.get(w.windowType) ?? 0;
    const ticket: QueueTicket = {
      ticketNumber: local.number,
      windowType: w.windowType,
      waitingAhead: waiting,
      estimatedWaitMinutes: waiting * w.minutesPerPerson,
      issuedAt: local.issuedAt,
      appointmentId: null,
      reconciled: true,
    };
    this.waiting.set(w.windowType, waiting + 1);
    this.tickets.push(ticket);
    if (holder) this.ticketHolders.set(ticket.ticketNumber, holder.idNumber);
    return ticket;
  }

  /** Slots of the next working days for an item; generated on first sight so they stay stable. */
  slotsFor(itemCode: string, date: string | null): Answer {
    if (!itemCode) return err(400, 'invalid-request', 'itemCode is required');
    const days: string[] = [];
    let d = chinaNow();
    while (days.length < 5) {
      const next = addWorkingDays(d, 1);
      days.push(next);
      d = new Date(`${next}T00:00:00Z`);
    }
    const wType: WindowType = itemCode.startsWith('GD-RS') ? 'social-security' : 'comprehensive';
    const times: Array<[string, string, boolean]> = [['09:00', '10:00', false], ['10:00', '11:00', false], ['14:00', '15:00', false], ['15:00', '16:00', false], ['17:30', '19:00', true]];
    for (const day of days) {
      for (const [start, end, extended] of times) {
        const slotId = `${itemCode}@${day}T${start}`;
        if (!this.slots.has(slotId)) {
          this.slots.set(slotId, { slotId, itemCode, windowType: wType, date: day, start, end, capacity: 3, remaining: 3, extendedHours: extended });
        }
      }
    }
    const slots = [...this.slots.values()].filter((s) => s.itemCode === itemCode && (!date || s.date === date));
    return ok({ slots });
  }

  book(raw: unknown): Answer {
    const body = appointmentRequest.safeParse(raw);
    if (!body.success) return err(422, 'invalid-booking', 'bad booking request', issues(body.error));
    const slot = this.slots.get(body.data.slotId);
    if (!slot || slot.itemCode !== body.data.itemCode) return err(404, 'slot-not-found', 'no such slot for this item');
    if (slot.remaining <= 0) return err(409, 'slot-full', 'the slot is fully booked');
    slot.remaining -= 1;
    const appointmentId = `AP${randomUUID().slice(0, 8).toUpperCase()}`;
    const rec = {
      appointmentId,
      checkInCode: String(100000 + ((this.appointments.size * 7919) % 900000)),
      slotId: slot.slotId,
      status: 'booked' as const,
      bookedAt: new Date().toISOString(),
      boundTo: body.data.holder ? ('card' as const) : body.data.contactMobile ? ('phone' as const) : null,
    };
    this.appointments.set(appointmentId, rec);
    return ok({ appointmentId, checkInCode: rec.checkInCode, slot, status: rec.status, bookedAt: rec.bookedAt }, 201);
  }

  cancel(id: string): Answer {
    const rec = this.appointments.get(id);
    if (!rec) return err(404, 'not-found', 'no appointment with this id');
    const slot = this.slots.get(rec.slotId);
    if (!slot) return err(500, 'internal', 'slot vanished');
    if (rec.status === 'booked') {
      rec.status = 'cancelled';
      slot.remaining += 1;
    }
    return ok({ appointmentId: id, checkInCode: rec.checkInCode, slot, status: rec.status, bookedAt: rec.bookedAt });
  }
}
