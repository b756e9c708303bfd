import { randomUUID } from 'node:crypto';
import type { ExperienceNote, ExperienceRunReport, ExperienceStep } from '../../console/wire/reports';
import { fail, ok, type Result } from '../../contract';
import type { experienceApi, ExperienceRunView } from '../../contract/api/experience';
import type { AreaHandlers } from '../bridge/dispatcher';
import { EXPERIENCE_LIMITS, OFFICER_CODE_PATTERN, type ExperienceEndReason } from '../../kernel/experience-run';

/** A finished run as the console gets it, but for the report's own id and time (the outbox gives those). */
export type FinishedExperienceRun = Omit<ExperienceRunReport, 'id' | 'at' | 'kind'>;

export interface ExperienceRecorderOptions {
  /** The log's redactor: an ID or phone number (or this session's names) typed into a note is masked. */
  readonly redact: (text: string) => string;
  /** A run ended: queue it for the console. Called once per run. */
  readonly finished: (run: FinishedExperienceRun) => void;
  /** The run's state changed (set up, started, a step, a note, ended): for the screen's marker. */
  readonly changed?: (run: ExperienceRunView | null) => void;
  readonly now?: () => number;
}

interface Run {
  readonly runId: string;
  readonly officerCode: string;
  readonly armedAt: number;
  startedAt: number | null;
  readonly steps: Array<Omit<ExperienceStep, 'at'> & { at: number }>;
  stepsOmitted: number;
  readonly notes: ExperienceNote[];
  /** The screen on now: its index among the listed steps (null past the cap), its name and since when. */
  current: { index: number | null; screen: string; subject: string | undefined; since: number } | null;
}

/**
 * 政务服务体验员 runs at the kiosk. A technician sets one up in admin mode for an officer's code; it
 * starts when admin mode ends, as a normal citizen session; the screen reports each screen it shows
 * (its name, title and the public code on it, never what was typed) and the officer's notes, which are
 * redacted here; it ends when the officer ends it or the session ends (logout, idle timeout, a restarted
 * screen), and only then goes to the console, once.
 */
export class ExperienceRecorder {
  private run: Run | null = null;
  private readonly now: () => number;

  constructor(private readonly o: ExperienceRecorderOptions) {
    this.now = o.now ?? Date.now;
  }

  /** A run walks now: the kiosk holds a session (admin mode waits, content does not switch). */
  get active(): boolean {
    return this.run?.startedAt != null;
  }

  view(): ExperienceRunView | null {
    const r = this.run;
    if (!r) return null;
    return {
      runId: r.runId,
      officerCode: r.officerCode,
      state: r.startedAt === null ? 'armed' : 'active',
      armedAt: new Date(r.armedAt).toISOString(),
      startedAt: r.startedAt === null ? null : new Date(r.startedAt).toISOString(),
      screen: r.current?.screen ?? null,
      steps: r.steps.length + r.stepsOmitted,
      notes: r.notes.length,
      notesLeft: EXPERIENCE_LIMITS.notes - r.notes.length,
    };
  }

  /** Sets a run up for an officer (admin mode); another run set up and not started yet is replaced. */
  arm(officerCode: string): Result<ExperienceRunView> {
    if (!OFFICER_CODE_PATTERN.test(officerCode)) return fail('invalid-request', 'not an officer code (TYY-0012)', { messageKey: 'admin.experience.badCode' });
    if (this.active) return fail('rejected', 'a run is walking', { messageKey: 'admin.experience.walking' });
    this.run = { runId: randomUUID(), officerCode, armedAt: this.now(), startedAt: null, steps: [], stepsOmitted: 0, notes: [], current: null };
    return ok(this.changed()!);
  }

  /** Drops a run set up and not started. */
  cancel(): boolean {
    if (!this.run || this.active) return false;
    this.run = null;
    this.changed();
    return true;
  }

  /** Admin mode ended: a run set up starts. */
  begin(): boolean {
    if (!this.run || this.active) return false;
    this.run.startedAt = this.now();
    this.changed();
    return true;
  }

  /** The screen shows another screen. The same screen again (a reload, a new query) is the same step. */
  step(s: { screen: string; title?: string | undefined; subject?: string | undefined }): boolean {
    const r = this.run;
    if (!r || r.startedAt === null) return false;
    if (r.current && r.current.screen === s.screen && r.current.subject === s.subject) return false;
    const now = this.now();
    this.close(r, now);
    const title = s.title?.trim().slice(0, EXPERIENCE_LIMITS.titleChars);
    if (r.steps.length < EXPERIENCE_LIMITS.steps) {
      r.steps.push({ screen: s.screen, ...(title ? { title } : {}), ...(s.subject ? { subject: s.subject } : {}), at: now, ms: 0 });
      r.current = { index: r.steps.length - 1, screen: s.screen, subject: s.subject, since: now };
    } else {
      r.stepsOmitted++;
      r.current = { index: null, screen: s.screen, subject: s.subject, since: now };
    }
    this.changed();
    return true;
  }

  /** The officer's note at the screen on now, redacted and cut to length. */
  note(text: string): Result<ExperienceRunView> {
    const r = this.run;
    if (!r || r.startedAt === null || !r.current) return fail('rejected', 'no experience run is walking', { messageKey: 'experience.errors.noRun' });
    if (r.notes.length >= EXPERIENCE_LIMITS.notes) return fail('rejected', `a run keeps ${EXPERIENCE_LIMITS.notes} notes`, { messageKey: 'experience.errors.tooManyNotes' });
    const clean = this.o.redact(text.replace(/\s+/g, ' ').trim()).slice(0, EXPERIENCE_LIMITS.noteChars).trim();
    if (!clean) return fail('invalid-request', 'an empty note', { messageKey: 'experience.errors.emptyNote' });
    r.notes.push({ step: r.current.index, screen: r.current.screen, at: new Date(this.now()).toISOString(), text: clean });
    return ok(this.changed()!);
  }

  /**
   * Ends the walking run and hands it over to be sent, once: a second end (the officer's, then the
   * session's) finds nothing. A run set up and not started stays set up unless the kiosk shuts down.
   */
  end(reason: ExperienceEndReason): FinishedExperienceRun | null {
    const r = this.run;
    if (!r || r.startedAt === null) {
      if (r && reason === 'shutdown') this.cancel();
      return null;
    }
    this.run = null;
    const now = this.now();
    this.close(r, now);
    const finished: FinishedExperienceRun = {
      runId: r.runId,
      officerCode: r.officerCode,
      startedAt: new Date(r.startedAt).toISOString(),
      endedAt: new Date(now).toISOString(),
      endedBy: reason,
      steps: r.steps.map((s) => ({ ...s, at: new Date(s.at).toISOString() })),
      stepsOmitted: r.stepsOmitted,
      notes: r.notes,
    };
    this.changed();
    this.o.finished(finished);
    return finished;
  }

  /** The time on the screen being left. */
  private close(r: Run, now: number): void {
    const c = r.current;
    if (c && c.index !== null) r.steps[c.index]!.ms = Math.max(0, now - c.since);
  }

  private changed(): ExperienceRunView | null {
    const v = this.view();
    this.o.changed?.(v);
    return v;
  }
}

/** The kiosk page's calls of a run: status, each screen, a note, the officer's end. */
export function experienceHandlers(recorder: ExperienceRecorder): AreaHandlers<typeof experienceApi> {
  return {
    'experience.status': () => ok({ run: recorder.view() }),
    'experience.step': (s) => ok({ recorded: recorder.step(s) }),
    'experience.note': ({ text }) => recorder.note(text),
    'experience.end': () => ok({ ended: recorder.end('officer') !== null }),
  };
}
