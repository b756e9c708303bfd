import type { DeviceRole } from './drivers/supervisor';
import { isStatusByte, statusRequest } from './protocols/escpos/status';
import { SAM, SW3 } from './protocols/idcard/commands';
import { createResponseDecoder, encodeCommand } from './protocols/idcard/frame';
import { Kep1Decoder, encodeFrame } from './protocols/pad/frame';
import { CMD, RESPONSE } from './protocols/pad/messages';
import { SerialLink } from './transport/serial-link';
import type { SerialTransport } from './transport/serial-transport';
import { serialportTransport } from './transport/serialport-transport';

export interface ProbeResult {
  readonly path: string;
  readonly manufacturer: string | null;
  readonly role: DeviceRole | null;
  readonly baudRate: number | null;
  readonly detail: string;
}

export interface ProbeOptions {
  /** Paths the OS list does not show (PTYs). */
  readonly extraPaths?: readonly string[];
  /** Ports in use by a running driver: not touched. */
  readonly skip?: ReadonlySet<string>;
  /** How long each probe waits for an answer (default 300 ms). */
  readonly timeoutMs?: number;
  /** Default: real serial ports. */
  readonly transport?: SerialTransport;
}

interface Attempt {
  readonly role: DeviceRole;
  readonly baudRate: number;
  readonly request: Buffer;
  /** Returns a description when the bytes so far are this device's answer. */
  readonly recognise: () => (chunk: Buffer) => string | null;
}

/**
 * Printer first: a printer prints whatever it does not understand, so it must never see the other
 * probes; the reader and the pad ignore DLE EOT as line noise.
 */
const ATTEMPTS: readonly Attempt[] = [
  {
    role: 'printer', baudRate: 115200, request: statusRequest(1),
    recognise: () => (chunk) => (chunk.length >= 1 && chunk.every(isStatusByte) ? 'ESC/POS printer answered DLE EOT 1' : null),
  },
  {
    role: 'idReader', baudRate: 115200, request: encodeCommand(...SAM.samStatus),
    recognise: () => {
      const d = createResponseDecoder();
      return (chunk) => (d.push(chunk).some((m) => m.kind === 'message' && m.message.sw3 === SW3.ok) ? 'SAM answered status check' : null);
    },
  },
  {
    role: 'pad', baudRate: 115200, request: encodeFrame({ seq: 0x7f, cmd: CMD.getInfo }),
    recognise: () => {
      const d = new Kep1Decoder();
      return (chunk) => {
        const info = d.push(chunk).find((m) => m.kind === 'message' && m.message.cmd === (CMD.getInfo | RESPONSE));
        return info?.kind === 'message' ? `KEP/1 pad ${info.message.payload.subarray(1).toString('utf8')}` : null;
      };
    },
  },
];

async function tryAttempt(transport: SerialTransport, path: string, a: Attempt, timeoutMs: number): Promise<string | null> {
  let link: SerialLink;
  try {
    link = await SerialLink.open({ path, baudRate: a.baudRate }, transport);
  } catch {
    return null;
  }
  try {
    await link.flushInput();
    const recognise = a.recognise();
    const answer = new Promise<string | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), timeoutMs);
      link.on('data', (chunk) => {
        const found = recognise(chunk);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      });
    });
    await link.write(a.request);
    return await answer;
  } finally {
    await link.close('probe finished');
  }
}

/**
 * Lists serial ports (plus `extraPaths`, e.g. PTYs that the OS list does not show) and asks each in
 * turn whether it is an ID reader, a pad or a printer. Ports in `skip` (in use by a running driver)
 * are not touched. Scanners never answer the host, so they cannot be identified by probing.
 */
export async function probePorts(options: ProbeOptions = {}): Promise<ProbeResult[]> {
  const transport = options.transport ?? serialportTransport;
  const listed = await transport.list().catch(() => []);
  const ports = [
    ...listed.map((p) => ({ path: p.path, manufacturer: p.manufacturer ?? null })),
    ...(options.extraPaths ?? []).filter((p) => !listed.some((l) => l.path === p)).map((path) => ({ path, manufacturer: null })),
  ];
  const results: ProbeResult[] = [];
  for (const port of ports) {
    if (options.skip?.has(port.path)) {
      results.push({ ...port, role: null, baudRate: null, detail: 'in use by a running driver (not probed)' });
      continue;
    }
    let found: ProbeResult | null = null;
    for (const a of ATTEMPTS) {
      const detail = await tryAttempt(transport, port.path, a, options.timeoutMs ?? 300);
      if (detail) {
        found = { ...port, role: a.role, baudRate: a.baudRate, detail };
        break;
      }
    }
    results.push(found ?? { ...port, role: null, baudRate: null, detail: 'no answer to ID reader, pad or printer probes (a scanner stays silent: assign it by hand)' });
  }
  return results;
}
