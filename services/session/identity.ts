import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { CardRead, DecodedPhoto } from '../../hardware';
import { checkCreditCode } from '../../kernel/identifiers';
import { maskIdNumber, maskName } from '../../kernel/mask';
import type { CardView } from '../../contract';
import type { EnterpriseProfile } from '../../platform-wire/model';
import type { Redactor } from '../log/redact';

/** The person at the kiosk: the holder of the last card the reader produced. Memory only. */
export interface CardHolder {
  readonly name: string;
  readonly idNumber: string;
  readonly address: string | null;
  readonly validUntil: string | null;
  readonly expired: boolean;
  readonly view: CardView;
  /** The card's photo as read (WLT) and decoded when a decoder is plugged in: for a face check, never shown or stored. */
  readonly photo: { readonly wlt: Buffer; readonly decoded: DecodedPhoto | null };
}

export type ApplicantRole = 'legal_rep' | 'agent';

/** What the platform said of the session's enterprise: its standing, not found, or nothing yet (not asked, or unreachable). */
export type EnterpriseStandingSeen = EnterpriseProfile['standing'] | 'not-found' | null;

export type IdentifyFailure = { readonly field: 'creditCode'; readonly code: string; readonly zh: string; readonly en: string };

export interface SessionSnapshot {
  readonly sessionId: string | null;
  /** The card holder, unless the card has expired (an expired card identifies nobody). */
  readonly person: CardHolder | null;
  readonly creditCode: string | null;
  readonly enterpriseName: string | null;
  readonly enterpriseStanding: EnterpriseStandingSeen;
  readonly role: ApplicantRole | null;
}

/**
 * The session's identity. The person is whoever's card the reader read last, never what a caller
 * claims; the renderer chooses only the enterprise (credit code, 电子营业执照) and the role. Names
 * and addresses are registered with the log redactor while they live; `wipe()` drops every reference.
 */
export class SessionIdentityStore {
  private sessionId: string | null = null;
  private holder: CardHolder | null = null;
  private creditCode: string | null = null;
  private enterpriseName: string | null = null;
  private enterpriseStanding: EnterpriseStandingSeen = null;
  private role: ApplicantRole | null = null;
  /** Help requests of this session that may still be answered (receipt ids). */
  readonly openHelp = new Set<string>();
  /**
   * Makes `CardView.holder` stable for one card while the kiosk runs (a screen can tell the same card
   * put back from another one) without revealing anything of the number.
   */
  private readonly holderKey = randomBytes(32);

  constructor(private readonly redactor: Redactor) {}

  /** The reader produced a card: its holder becomes the session's person. Returns what screens may show. */
  presentCard(read: CardRead): CardView {
    const c = read.card;
    const name = c.name || c.englishName || '';
    // Names and addresses have no shape the redactor can spot: register them while they live.
    this.redactor.rememberIdentity({ name, idNumber: c.idNumber, mobile: null });
    this.redactor.remember(c.address, c.englishName);
    const view: CardView = {
      holder: createHmac('sha256', this.holderKey).update(c.idNumber).digest('hex').slice(0, 16),
      cardType: c.cardType,
      nameMasked: maskName(name),
      idNumberMasked: maskIdNumber(c.idNumber),
      sex: c.sex,
      validUntil: c.validUntil,
      expired: read.expired,
    };
    if (this.holder && this.holder.idNumber !== c.idNumber) this.forgetHolder();
    this.holder = { name, idNumber: c.idNumber, address: c.address, validUntil: c.validUntil, expired: read.expired, view, photo: { wlt: read.wlt, decoded: read.photo } };
    this.sessionId ??= randomUUID();
    return view;
  }

  begin(): string {
    this.sessionId ??= randomUUID();
    return this.sessionId;
  }

  identify(input: { creditCode?: string; role?: ApplicantRole }): IdentifyFailure | null {
    this.sessionId ??= randomUUID();
    if (input.creditCode !== undefined) {
      const c = checkCreditCode(input.creditCode);
      if (!c.ok) return { field: 'creditCode', code: c.code, ...c.message };
      if (c.value.code !== this.creditCode) {
        this.enterpriseName = null;
        this.enterpriseStanding = null;
      }
      this.creditCode = c.value.code;
    }
    if (input.role !== undefined) this.role = input.role;
    return null;
  }

  /** Records the platform's answer for the session's enterprise (a profile, or not found). */
  setEnterprise(found: { name: string; standing: EnterpriseProfile['standing'] } | 'not-found'): void {
    this.enterpriseName = found === 'not-found' ? null : found.name;
    this.enterpriseStanding = found === 'not-found' ? 'not-found' : found.standing;
  }

  get current(): SessionSnapshot {
    return {
      sessionId: this.sessionId,
      person: this.holder && !this.holder.expired ? this.holder : null,
      creditCode: this.creditCode,
      enterpriseName: this.enterpriseName,
      enterpriseStanding: this.enterpriseStanding,
      role: this.role,
    };
  }

  /** The card holder whatever the card's state (screens say why an expired card cannot identify). */
  get cardHolder(): CardHolder | null {
    return this.holder;
  }

  /** Whether anything of a person is held (identity, enterprise, an open help request). */
  get holdsAnything(): boolean {
    return this.holder !== null || this.creditCode !== null || this.role !== null || this.openHelp.size > 0;
  }

  private forgetHolder(): void {
    if (!this.holder) return;
    this.redactor.forget(this.holder.name, this.holder.idNumber, this.holder.address);
    this.holder = null;
  }

  wipe(): void {
    this.forgetHolder();
    this.sessionId = null;
    this.creditCode = null;
    this.enterpriseName = null;
    this.enterpriseStanding = null;
    this.role = null;
    this.openHelp.clear();
  }
}
