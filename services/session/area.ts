import { fail, ok, type CardView } from '../../contract';
import type { sessionApi } from '../../contract/api/session';
import type { CardRead } from '../../hardware';
import type { AreaDeps, ServiceArea } from '../area';
import { SessionIdentityStore, type SessionSnapshot } from './identity';
import type { FaceCheckModule } from './face-check';

/** What other areas may ask of the session: who is here (read-only), and the enterprise's standing as the platform reported it. */
export interface SessionPort {
  current(): SessionSnapshot;
  setEnterprise: SessionIdentityStore['setEnterprise'];
  /** Help requests of this session that may still be answered (receipt ids). */
  readonly openHelp: Set<string>;
}

/** What the devices area tells the session: the reader produced a card. Returns the masked view to publish. */
export interface CardPort {
  presented(read: CardRead): CardView;
}

export interface SessionArea extends ServiceArea<typeof sessionApi> {
  readonly port: SessionPort;
  readonly cards: CardPort;
  wipeSession(): void;
  holdsSession(): boolean;
}

/**
 * The session area owns identity: the person is bound to the last card the reader produced (memory
 * only, wiped when the session ends); the renderer can choose the enterprise and the role, and sees
 * the person masked, and their own details only for their own form.
 */
export function createSessionArea(deps: AreaDeps, o: { faceCheck?: FaceCheckModule | null } = {}): SessionArea {
  const faceCheck = o.faceCheck ?? null;
  const identity = new SessionIdentityStore(deps.log.redactor);
  const view = () => {
    const s = identity.current;
    return { sessionId: s.sessionId ?? '', person: s.person?.view ?? null, creditCode: s.creditCode, role: s.role };
  };
  return {
    port: {
      current: () => identity.current,
      setEnterprise: (found) => identity.setEnterprise(found),
      openHelp: identity.openHelp,
    },
    cards: { presented: (read) => identity.presentCard(read) },
    handlers: {
      'session.begin': () => ok({ sessionId: identity.begin() }),
      'session.identify': (input) => {
        const failure = identity.identify(input);
        if (failure) {
          return fail('rejected', failure.en, { messageKey: `identifiers.${failure.code}`, details: [failure.zh, `field:${failure.field}`] });
        }
        return ok(view());
      },
      'session.cardDetails': () => {
        const p = identity.current.person;
        return p ? ok({ person: { name: p.name, idNumber: p.idNumber, address: p.address } }) : ok({ person: null });
      },
      'session.faceCheckStatus': () => ok({ available: faceCheck !== null }),
      'session.faceCheck': async ({ liveJpegBase64 }) => {
        if (!faceCheck) return fail('unavailable', 'no face-check module is installed', { messageKey: 'faceCheck.off' });
        const p = identity.current.person;
        if (!p) return fail('rejected', 'no card on the reader', { messageKey: 'faceCheck.noCard' });
        try {
          const { verdict } = await faceCheck.compare({ live: Buffer.from(liveJpegBase64, 'base64'), card: p.photo });
          return ok({ verdict });
        } catch (e) {
          deps.log.warn('face check failed', { vendor: faceCheck.vendor, error: e instanceof Error ? e.name : 'unknown' });
          return fail('unavailable', 'the face check could not be done', { messageKey: 'faceCheck.failed' });
        }
      },
    },
    holdsSession: () => identity.holdsAnything,
    wipeSession: () => identity.wipe(),
  };
}
