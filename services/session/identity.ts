import { randomUUID } from 'node:crypto';
import { checkCreditCode, checkIdNumber, checkMobile, type IdNumberInfo } from '../../kernel/identifiers';
import { type EnterpriseProfile } from '../../platform-wire/model';
import type { Redactor } from '../log/redact';

export interface SessionPerson {
  readonly name: string;
  readonly idNumber: string;
  readonly info: IdNumberInfo;
  readonly mobile: string | null;
  /** Photo from the ID card: memory only, never written anywhere. */
  readonly photoBase64: string | null;
}

/** What the platform said of the session's enterprise: its standing, not found, or nothing yet (not asked, or unreachable). */
export type EnterpriseStandingSeen = EnterpriseProfile['standing'] | 'not-found' | null;

export type IdentifyFailure = { readonly field: 'idNumber' | 'creditCode' | 'mobile'; readonly code: string; readonly zh: string; readonly en: string };

/**
 * The identity of the person at the kiosk, held in memory for the session only and registered
 * with the log redactor while it lives. `wipe()` drops every reference.
 */
export class SessionIdentityStore {
  private sessionId: string | null = null;
  private person: SessionPerson | null = null;
  private creditCode: string | null = null;
  private enterpriseName: string | null = null;
  private enterpriseStanding: EnterpriseStandingSeen = null;
  /** Help requests of this session that may still be answered (receipt ids). */
  readonly openHelp = new Set<string>();

  constructor(private readonly redactor: Redactor) {}

  begin(): string {
    this.wipe();
    this.sessionId = randomUUID();
    return this.sessionId;
  }

  identify(input: { person?: { name: string; idNumber: string; mobile?: string; photoBase64?: string }; creditCode?: string }): IdentifyFailure | null {
    this.sessionId ??= randomUUID();
    if (input.person) {
      // Register before validating, so even a rejected number never reaches a log line.
      this.redactor.rememberIdentity({ name: input.person.name, idNumber: input.person.idNumber, mobile: input.person.mobile ?? null });
      const id = checkIdNumber(input.person.idNumber);
      if (!id.ok) return { field: 'idNumber', code: id.code, ...id.message };
      let mobile: string | null = null;
      if (input.person.mobile) {
        const m = checkMobile(input.person.mobile);
        if (!m.ok) return { field: 'mobile', code: m.code, ...m.message };
        mobile = m.value;
      }
      this.redactor.rememberIdentity({ name: input.person.name.trim(), idNumber: id.value.number, mobile });
      this.person = { name: input.person.name.trim(), idNumber: id.value.number, info: id.value, mobile, photoBase64: input.person.photoBase64 ?? null };
    }
    if (input.creditCode !== undefined) {
      const c = checkCreditCode(input.creditCode);
      if (!c.ok) return { field: 'creditCode', code: c.code, ...c.message };
      if (c.value.code !== this.creditCode) {
        this.enterpriseName = null;
        this.enterpriseStanding = null;
      }
      this.creditCode = c.value.code;
    }
    return null;
  }

  /** Records the platform's answer for the session's enterprise (a profile, or not found). */
  setEnterprise(found: { name: string; standing: EnterpriseProfile['standing'] } | 'not-found'): void {
    this.enterpriseName = found === 'not-found' ? null : found.name;
    this.enterpriseStanding = found === 'not-found' ? 'not-found' : found.standing;
  }

  get current(): {
    sessionId: string | null;
    person: SessionPerson | null;
    creditCode: string | null;
    enterpriseName: string | null;
    enterpriseStanding: EnterpriseStandingSeen;
  } {
    return { sessionId: this.sessionId, person: this.person, creditCode: this.creditCode, enterpriseName: this.enterpriseName, enterpriseStanding: this.enterpriseStanding };
  }

  /** Whether anything of a person is held (identity, enterprise, an open help request). */
  get holdsAnything(): boolean {
    return this.person !== null || this.creditCode !== null || this.openHelp.size > 0;
  }

  wipe(): void {
    if (this.person) this.redactor.forget(this.person.name, this.person.idNumber, this.person.mobile);
    this.sessionId = null;
    this.person = null;
    this.creditCode = null;
    this.enterpriseName = null;
    this.enterpriseStanding = null;
    this.openHelp.clear();
  }
}
