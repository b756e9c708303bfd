import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRootFrom } from '../kernel/node/project-root';
import { iceServers, type IceServer } from '../console/wire/video';

export const projectRoot = projectRootFrom(import.meta.dirname);

/**
 * `demo`: simulated devices, the platform simulator, the sample content and its sample keys, a 演示 badge.
 * `production`: only what is configured; nothing of the demo is ever used, and whatever is missing keeps the
 * kiosk on its maintenance screen.
 */
export const kioskProfile = z.enum(['demo', 'production']);
export type KioskProfile = z.infer<typeof kioskProfile>;

const count = (fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, 'a whole number')
    .transform(Number)
    .optional()
    .transform((n) => n ?? fallback);
const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'an http(s) URL')
  .transform((u) => u.replace(/\/+$/, ''));
const nonEmpty = z.string().trim().min(1);
/** 视频办事: STUN/TURN servers as JSON, checked against the console's wire schema (a hall's coturn: README). */
const jsonIceServers = z.string().transform((text, c) => {
  try {
    const r = iceServers.safeParse(JSON.parse(text));
    if (r.success) return r.data;
  } catch {
    // Reported below.
  }
  c.addIssue({ code: 'custom', message: 'a JSON array of {"urls":["stun:…"|"turn:…"], "username", "credential"}' });
  return z.NEVER;
});

/** Every environment variable the kiosk reads, and only here. */
const environment = z.object({
  KIOSK_PROFILE: kioskProfile.optional(),
  KIOSK_PORT: count(8080),
  KIOSK_DATA_DIR: nonEmpty.optional(),
  KIOSK_RENDERER_DIR: nonEmpty.optional(),
  KIOSK_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, . _ - (at most 64)')
    .optional(),
  KIOSK_IDLE_SECONDS: count(120),
  KIOSK_IDLE_WARNING_SECONDS: count(30),
  KIOSK_DEVICES: z.enum(['simulated', 'configured', 'none']).optional(),
  KIOSK_DEVICES_FAST: flag.optional(),
  KIOSK_READER_REMOVAL: z.enum(['reliable', 'unreliable']).optional(),
  KIOSK_VOICE_PROMPTS: flag.optional(),
  KIOSK_PUBLIC_URL: httpUrl.optional(),
  KIOSK_QUEUE_LOCAL_RANGE: z
    .string()
    .regex(/^\d{1,4}-\d{1,4}$/, 'two numbers, e.g. 900-999')
    .refine((r) => { const [a, b] = r.split('-').map(Number); return a! <= b!; }, 'the first number must not be above the second')
    .optional(),
  KIOSK_PLATFORM_URL: httpUrl.optional(),
  KIOSK_PLATFORM_TIMEOUT_MS: count(8_000),
  KIOSK_CONTENT_URL: httpUrl.optional(),
  KIOSK_FLEET_URL: httpUrl.optional(),
  KIOSK_ICE_SERVERS: jsonIceServers.optional(),
  KIOSK_CONTENT_POLL_SECONDS: count(300),
  KIOSK_CONTENT_GRACE_HOURS: count(72),
  KIOSK_TRUSTED_ROOT: nonEmpty.optional(),
  KIOSK_CONTENT_SAMPLE: flag.optional(),
  KIOSK_OUTBOX_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'base64 of 32 bytes')
    .optional(),
  KIOSK_KEY_FILE: nonEmpty.optional(),
  KIOSK_TECHNICIAN_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  KIOSK_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).optional(),
  KIOSK_LOG_ECHO: flag.optional(),
  KIOSK_ESPEAK: nonEmpty.optional(),
  KIOSK_SPEECH_TIMEOUT_MS: count(15_000),
  KIOSK_MODE: flag.optional(),
  KIOSK_ASSIST_URL: httpUrl.optional(),
  KIOSK_ASSIST_MODEL: nonEmpty.optional(),
  KIOSK_ASSIST_API_KEY: nonEmpty.optional(),
  KIOSK_ASSIST_TIMEOUT_MS: count(2_000),
  /** 人证核验: the name of an installed, licensed face-check module (services/session/face-check.ts); unset: off. */
  KIOSK_FACE_CHECK_MODULE: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'a module name: lower-case letters, digits, . _ -')
    .optional(),
  KIOSK_DEVTOOLS: flag.optional(),
  KIOSK_SERIAL_BY_ID_DIR: nonEmpty.optional(),
  KIOSK_SERIAL_BY_PATH_DIR: nonEmpty.optional(),
  KIOSK_EXPORT_ROOTS: nonEmpty.optional(),
  KIOSK_ADMIN_LOCKOUT_SECONDS: count(30),
  KIOSK_APP_SLOTS_DIR: nonEmpty.optional(),
  KIOSK_APP_SLOT: z.enum(['factory', 'a', 'b']).optional(),
  KIOSK_APP_CHANNEL: z.string().regex(/^[a-z0-9-]{1,40}$/).optional(),
  KIOSK_CHROMIUM: nonEmpty.optional(),
  KIOSK_BROWSER_ARGS: z.string().optional(),
  npm_package_version: z.string().optional(),
});

/** Why the kiosk cannot serve people yet, in a form a technician and the maintenance screen can use. */
export interface NotReadyReason {
  /** Stable code; the renderer words it (i18n `maintenance.reasons.<code>`). */
  readonly code: string;
  /** English, for technicians and logs. */
  readonly message: string;
}

/** Everything the kiosk reads from its environment, resolved and validated once at start. */
export interface KioskConfig {
  readonly profile: KioskProfile;
  readonly dataDir: string;
  readonly port: number;
  /** KIOSK_ID, when set; otherwise the id persisted in the store (kiosk-services.ts). */
  readonly kioskId: string | null;
  readonly version: string;
  readonly idle: { readonly timeoutSeconds: number; readonly warningSeconds: number };
  /** Where the renderer's built files are (vite build output). */
  readonly rendererDir: string;
  readonly devices: {
    readonly mode: 'simulated' | 'configured' | 'none' | 'auto';
    readonly fast: boolean;
    /** udev's stable serial names (KIOSK_SERIAL_BY_ID_DIR / _BY_PATH_DIR; tests point them at links of their own). */
    readonly portDirs: { readonly byIdDir: string; readonly byPathDir: string };
    /**
     * KIOSK_READER_REMOVAL: whether the ID card reader finds a card lying on it again after a read
     * (`reliable`: its "no card" means lifted) or not (`unreliable`, the default: many models answer
     * "no card" until it leaves the field, so the kiosk never ends a visit on it). The demo's simulated
     * reader behaves as configured.
     */
    readonly readerRemoval: 'reliable' | 'unreliable';
  };
  /**
   * KIOSK_PUBLIC_URL: the public pages a phone opens from a receipt's QR code (progress by number or
   * slip, materials to provide), per deployment; null: the demo's platform simulator serves them, and
   * production prints no QR code.
   */
  readonly publicUrl: string | null;
  /**
   * KIOSK_VOICE_PROMPTS (on unless 0): the kiosk says aloud what needs the person's hands and eyes away
   * from the screen (place the ID card, take the receipt), once per visit each. Off for a hall that asks for quiet.
   */
  readonly voicePrompts: boolean;
  /** KIOSK_QUEUE_LOCAL_RANGE: the numbers this kiosk issues itself while the platform is down (each kiosk of a hall its own). */
  readonly queueLocalRange: { readonly from: number; readonly to: number };
  /** null: the demo starts its platform simulator; production is then not ready. */
  readonly platform: { readonly url: string | null; readonly timeoutMs: number };
  readonly content: {
    readonly url: string | null;
    readonly pollSeconds: number;
    /** The operators' pinned TUF root; null in production when none is configured. */
    readonly trustedRootFile: string | null;
    readonly installSample: boolean;
    /** How long content whose signed metadata expired (a frozen or unreachable mirror) is still shown. */
    readonly graceHours: number;
  };
  /** The operators' fleet console (KIOSK_FLEET_URL): enrolment, signed heartbeats, remote commands, rollout offers. */
  readonly fleet: { readonly url: string | null };
  /** 视频办事 (KIOSK_ICE_SERVERS): STUN/TURN for the kiosk page's calls; none on a hall's LAN. */
  readonly video: { readonly iceServers: readonly IceServer[] };
  /** Where the outbox key comes from on the Node host (the Electron shell supplies its own). */
  readonly outboxKey: { readonly base64: string } | { readonly file: string } | null;
  readonly technicianToken: string | null;
  readonly log: { readonly level: 'debug' | 'info' | 'warn' | 'error'; readonly echo: boolean };
  readonly speech: { readonly espeak: string; readonly timeoutMs: number };
  /** Electron lockdown: true/false when KIOSK_MODE says so, null to use the stored setting. */
  readonly shellKioskMode: boolean | null;
  /** KIOSK_DEVTOOLS=1: DevTools stay available in a locked-down shell (a technician debugging on site). */
  readonly shellDevtools: boolean;
  readonly admin: {
    /** Where exports may be written: removable media under these roots (KIOSK_EXPORT_ROOTS, comma-separated). */
    readonly exportRoots: readonly string[];
    /** Only mount points count under the default system roots; configured roots take any writable folder. */
    readonly exportNeedsMount: boolean;
    /** The first lockout after wrong PINs; each further one doubles (KIOSK_ADMIN_LOCKOUT_SECONDS). */
    readonly lockoutSeconds: number;
    /** Where signed app updates are installed side by side (A/B); null: this build is not updated in place. */
    readonly appSlotsDir: string | null;
    /** Which of them this process runs (set by the launcher); the package's own build is `factory`. */
    readonly appSlot: 'factory' | 'a' | 'b';
    /** The release channel whose app builds this kiosk takes (KIOSK_APP_CHANNEL, default stable). */
    readonly appChannel: string;
    /** The Chromium-kiosk deployment's browser (kiosk-browser): its binary and extra switches (KIOSK_BROWSER_ARGS, space-separated). */
    readonly browser: { readonly executable: string; readonly extraArgs: readonly string[] };
  };
  /**
   * 智能导办's optional on-premises language model (an OpenAI-compatible chat API on the government
   * network), used only to choose among catalogue candidates; null (the default): the offline ranking alone.
   */
  readonly assistant: { readonly url: string; readonly model: string; readonly apiKey: string | null; readonly timeoutMs: number } | null;
  /** 人证核验: the installed face-check module to use (null: the feature is off). */
  readonly faceCheckModule: string | null;
  /** What production is missing (always empty in the demo). */
  readonly notReady: readonly NotReadyReason[];
}

/** The embedded sample content and its operator keys: public in the repository, for the demo only. */
export const samplePaths = {
  contentDir: path.join(projectRoot, 'content', 'sample'),
  keysDir: path.join(projectRoot, 'content', 'sample-keys'),
  root: path.join(projectRoot, 'content', 'sample-keys', 'root.json'),
};

const packageVersion = (): string => {
  try {
    return (JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
};

/** The public key ids a TUF root.json trusts for its root role. */
const rootKeyIds = (file: string): string[] | null => {
  try {
    const root = JSON.parse(fs.readFileSync(file, 'utf8')) as { signed?: { keys?: Record<string, unknown> } };
    return Object.keys(root.signed?.keys ?? {}).sort();
  } catch {
    return null;
  }
};

/** A path inside `dir` (or `dir` itself). */
const inside = (dir: string, file: string): boolean => {
  const rel = path.relative(path.resolve(dir), path.resolve(file));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

export class ConfigError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`invalid kiosk configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export interface ConfigDefaults {
  /** The profile when KIOSK_PROFILE is unset (`npm run kiosk` passes demo; everything else is production). */
  readonly profile?: KioskProfile;
  readonly dataDir?: string;
  readonly rendererDir?: string;
  /** The Electron shell keeps the outbox key with safeStorage: no key file or variable is needed. */
  readonly outboxKeyProvided?: boolean;
}

/**
 * Reads and validates the environment once. A malformed value is an error (the kiosk does not start);
 * a value production needs but lacks is a reason in `notReady` (the kiosk starts on its maintenance screen).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, defaults: ConfigDefaults = {}): KioskConfig {
  const parsed = environment.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const e = parsed.data;
  if (e.KIOSK_ASSIST_URL && !e.KIOSK_ASSIST_MODEL) throw new ConfigError(['KIOSK_ASSIST_MODEL: required when KIOSK_ASSIST_URL is set (the model name the service serves)']);
  const profile = e.KIOSK_PROFILE ?? defaults.profile ?? 'production';
  const demo = profile === 'demo';
  const dataDir = path.resolve(e.KIOSK_DATA_DIR ?? defaults.dataDir ?? path.join(projectRoot, '.kiosk-data'));
  const notReady: NotReadyReason[] = [];
  const missing = (code: string, message: string): void => void notReady.push({ code, message });

  if (!demo && e.KIOSK_DEVICES === 'simulated') missing('devices-simulated', 'KIOSK_DEVICES=simulated is for the demo profile only');
  const devicesMode = e.KIOSK_DEVICES === 'simulated' && !demo ? 'configured' : (e.KIOSK_DEVICES ?? (demo ? 'auto' : 'configured'));

  if (!demo && !e.KIOSK_PLATFORM_URL) missing('platform-url-missing', 'KIOSK_PLATFORM_URL is not set: no platform to file with');

  let trustedRootFile: string | null = e.KIOSK_TRUSTED_ROOT ? path.resolve(e.KIOSK_TRUSTED_ROOT) : demo ? samplePaths.root : null;
  if (!demo) {
    if (!trustedRootFile) missing('trusted-root-missing', 'KIOSK_TRUSTED_ROOT is not set: no content can be verified');
    else {
      const ids = rootKeyIds(trustedRootFile);
      const sampleIds = rootKeyIds(samplePaths.root);
      if (ids === null || ids.length === 0) missing('trusted-root-unreadable', `KIOSK_TRUSTED_ROOT (${trustedRootFile}) is not a readable TUF root`);
      else if (sampleIds && ids.some((id) => sampleIds.includes(id))) missing('trusted-root-is-sample', 'KIOSK_TRUSTED_ROOT trusts the sample keys, whose private halves are public');
      if (notReady.some((r) => r.code.startsWith('trusted-root'))) trustedRootFile = null;
    }
  }

  // The console's answers say what the kiosk installs and which commands it runs: production hears them only over TLS (or on the machine itself).
  const fleetUrl = e.KIOSK_FLEET_URL ?? null;
  if (!demo && fleetUrl && !/^https:\/\//.test(fleetUrl) && !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(fleetUrl)) {
    missing('fleet-url-insecure', 'KIOSK_FLEET_URL must be https:// (or on this machine)');
  }

  let outboxKey: KioskConfig['outboxKey'] = null;
  if (e.KIOSK_OUTBOX_KEY) outboxKey = { base64: e.KIOSK_OUTBOX_KEY };
  else if (e.KIOSK_KEY_FILE) {
    if (inside(dataDir, e.KIOSK_KEY_FILE)) missing('outbox-key-in-data-dir', 'KIOSK_KEY_FILE lies inside the data directory, beside what it protects');
    else outboxKey = { file: path.resolve(e.KIOSK_KEY_FILE) };
  } else if (demo) outboxKey = { file: path.join(`${dataDir}-keys`, 'outbox.key') };
  else if (!defaults.outboxKeyProvided) missing('outbox-key-missing', 'neither KIOSK_OUTBOX_KEY nor KIOSK_KEY_FILE is set: personal data could not be kept encrypted');

  return {
    profile,
    dataDir,
    port: e.KIOSK_PORT,
    kioskId: e.KIOSK_ID ?? null,
    version: e.npm_package_version ?? packageVersion(),
    idle: { timeoutSeconds: Math.max(1, e.KIOSK_IDLE_SECONDS), warningSeconds: Math.max(1, e.KIOSK_IDLE_WARNING_SECONDS) },
    rendererDir: path.resolve(e.KIOSK_RENDERER_DIR ?? defaults.rendererDir ?? path.join(projectRoot, 'dist', 'renderer')),
    devices: {
      mode: devicesMode,
      fast: e.KIOSK_DEVICES_FAST ?? false,
      portDirs: { byIdDir: e.KIOSK_SERIAL_BY_ID_DIR ?? '/dev/serial/by-id', byPathDir: e.KIOSK_SERIAL_BY_PATH_DIR ?? '/dev/serial/by-path' },
      readerRemoval: e.KIOSK_READER_REMOVAL ?? 'unreliable',
    },
    publicUrl: e.KIOSK_PUBLIC_URL ?? null,
    voicePrompts: e.KIOSK_VOICE_PROMPTS ?? true,
    queueLocalRange: (([from, to]) => ({ from: from!, to: to! }))((e.KIOSK_QUEUE_LOCAL_RANGE ?? '900-999').split('-').map(Number)),
    platform: { url: e.KIOSK_PLATFORM_URL ?? null, timeoutMs: e.KIOSK_PLATFORM_TIMEOUT_MS },
    content: {
      url: e.KIOSK_CONTENT_URL ?? null,
      pollSeconds: Math.max(5, e.KIOSK_CONTENT_POLL_SECONDS),
      trustedRootFile,
      installSample: demo && (e.KIOSK_CONTENT_SAMPLE ?? true),
      graceHours: e.KIOSK_CONTENT_GRACE_HOURS,
    },
    fleet: { url: fleetUrl },
    video: { iceServers: e.KIOSK_ICE_SERVERS ?? [] },
    outboxKey,
    technicianToken: e.KIOSK_TECHNICIAN_TOKEN ?? null,
    log: { level: e.KIOSK_LOG_LEVEL ?? 'info', echo: e.KIOSK_LOG_ECHO ?? false },
    speech: { espeak: e.KIOSK_ESPEAK ?? 'espeak-ng', timeoutMs: e.KIOSK_SPEECH_TIMEOUT_MS > 0 ? e.KIOSK_SPEECH_TIMEOUT_MS : 15_000 },
    shellKioskMode: e.KIOSK_MODE ?? null,
    shellDevtools: e.KIOSK_DEVTOOLS ?? false,
    admin: {
      exportRoots: e.KIOSK_EXPORT_ROOTS ? e.KIOSK_EXPORT_ROOTS.split(',').map((r) => path.resolve(r.trim())).filter(Boolean) : ['/media', '/run/media', '/mnt'],
      exportNeedsMount: !e.KIOSK_EXPORT_ROOTS,
      lockoutSeconds: Math.max(1, e.KIOSK_ADMIN_LOCKOUT_SECONDS),
      appSlotsDir: e.KIOSK_APP_SLOTS_DIR ? path.resolve(e.KIOSK_APP_SLOTS_DIR) : null,
      appSlot: e.KIOSK_APP_SLOT ?? 'factory',
      appChannel: e.KIOSK_APP_CHANNEL ?? 'stable',
      browser: { executable: e.KIOSK_CHROMIUM ?? '/usr/bin/chromium', extraArgs: (e.KIOSK_BROWSER_ARGS ?? '').split(/\s+/).filter(Boolean) },
    },
    faceCheckModule: e.KIOSK_FACE_CHECK_MODULE ?? null,
    assistant: e.KIOSK_ASSIST_URL && e.KIOSK_ASSIST_MODEL
      ? { url: e.KIOSK_ASSIST_URL, model: e.KIOSK_ASSIST_MODEL, apiKey: e.KIOSK_ASSIST_API_KEY ?? null, timeoutMs: Math.max(100, e.KIOSK_ASSIST_TIMEOUT_MS) }
      : null,
    notReady,
  };
}
