import { waitUntil } from './simulators';

/**
 * Controls the platform simulator the kiosk started (platform-sim/server.ts `/_control/*`), found
 * through the kiosk's `/healthz` (`platform.url`). Faults apply to `/v1/*` only, never to control.
 */
export interface PlatformSim {
  readonly url: string;
}

export interface PlatformRecords {
  applications: Array<Record<string, unknown> & { applicationNumber?: string; itemCode?: string; formData?: Record<string, unknown> }>;
  evaluations: Array<Record<string, unknown>>;
  feedback: Array<Record<string, unknown>>;
  help: Array<Record<string, unknown>>;
  tickets: Array<Record<string, unknown>>;
  writes: Array<{ key: string; status: number }>;
}

async function call<T>(base: string, method: 'GET' | 'POST' | 'DELETE', route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${route}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${route} failed (${res.status}): ${JSON.stringify(json)}`);
  return json;
}

/** Waits until the kiosk reports its platform URL in /healthz and returns a handle to it. */
export async function connectPlatform(kioskUrl: string, timeoutMs = 30_000): Promise<PlatformSim> {
  const url = await waitUntil(
    async () => {
      try {
        const health = (await (await fetch(`${kioskUrl}/healthz`)).json()) as { platform?: { url?: string | null } };
        return health.platform?.url ?? null;
      } catch {
        return null;
      }
    },
    timeoutMs,
    'kiosk /healthz names no platform url',
  );
  return { url };
}

/** The platform becomes unreachable (connections reset) for every /v1 request until `platformUp`. */
export const platformDown = (p: PlatformSim, pathPrefix = '/v1/'): Promise<unknown> => call(p.url, 'POST', '/_control/faults', { mode: 'down', pathPrefix });
/** Any other fault of platform-sim/faults.ts (`slow`, `error`, `timeout`, `duplicate`, `malformed`). */
export const platformFault = (p: PlatformSim, spec: Record<string, unknown>): Promise<unknown> => call(p.url, 'POST', '/_control/faults', spec);
/** Clears every fault: the platform answers again. */
export const platformUp = (p: PlatformSim): Promise<unknown> => call(p.url, 'DELETE', '/_control/faults');

/** The register changes an enterprise's standing (e.g. deregistered after the kiosk looked it up). */
export const setStanding = (p: PlatformSim, creditCode: string, standing: 'normal' | 'abnormal-list' | 'revoked' | 'cancelled'): Promise<unknown> =>
  call(p.url, 'POST', `/_control/enterprises/${creditCode}/standing`, { standing });

/** Everything the platform received: applications, evaluations, feedback, help requests, tickets. */
export const platformRecords = (p: PlatformSim): Promise<PlatformRecords> => call(p.url, 'GET', '/_control/records');
export const platformStats = (p: PlatformSim): Promise<Record<string, unknown>> => call(p.url, 'GET', '/_control/stats');

export const receivedApplications = async (p: PlatformSim): Promise<PlatformRecords['applications']> => (await platformRecords(p)).applications;
export const receivedEvaluations = async (p: PlatformSim): Promise<PlatformRecords['evaluations']> => (await platformRecords(p)).evaluations;

/** A member of staff answers a 帮办 call at the staff console. */
export const answerHelp = (p: PlatformSim, helpId: string, answer: string): Promise<unknown> =>
  call(p.url, 'POST', `/_control/help/${encodeURIComponent(helpId)}/answer`, { answer });

/** Polls until the platform has received more than `before` applications; returns them all. */
export async function waitForApplications(p: PlatformSim, before: number, timeoutMs = 30_000): Promise<PlatformRecords['applications']> {
  await waitUntil(async () => (await receivedApplications(p)).length > before, timeoutMs, 'the platform received no new application', 500);
  return receivedApplications(p);
}

/** Polls until the platform has received more than `before` evaluations; returns them all. */
export async function waitForEvaluations(p: PlatformSim, before: number, timeoutMs = 30_000): Promise<PlatformRecords['evaluations']> {
  await waitUntil(async () => (await receivedEvaluations(p)).length > before, timeoutMs, 'the platform received no new evaluation', 500);
  return receivedEvaluations(p);
}

/**
 * Moves an application on in the back office, so progress lookup has something to show:
 * e.g. `advanceApplication(p, no, { to: 'correction-required', reasons: ['…'] })`.
 */
export const advanceApplication = (
  p: PlatformSim,
  applicationNumber: string,
  body: { to: 'reviewing' | 'correction-required' | 'completed' | 'rejected'; note?: string; reasons?: string[] },
): Promise<unknown> => call(p.url, 'POST', `/_control/applications/${encodeURIComponent(applicationNumber)}/advance`, body);
