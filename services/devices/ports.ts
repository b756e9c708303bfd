import fs from 'node:fs';
import path from 'node:path';
import type { SerialPortInfo, SerialTransport } from '../../hardware';

export interface PortNames {
  readonly path: string;
  readonly byId: string | null;
  readonly byPath: string | null;
  readonly vendorId: string | null;
  readonly productId: string | null;
  readonly serialNumber: string | null;
  readonly manufacturer: string | null;
  /** What an assignment is saved under, so it finds the device again after a restart or a re-plug. */
  readonly stableName: string;
  readonly stableKind: 'by-id' | 'by-path' | 'path';
}

export interface PortDirs {
  /** udev's `/dev/serial/by-id` and `/dev/serial/by-path` (configurable for tests). */
  readonly byIdDir: string;
  readonly byPathDir: string;
}

export const SYSTEM_PORT_DIRS: PortDirs = { byIdDir: '/dev/serial/by-id', byPathDir: '/dev/serial/by-path' };

/** Symlink name → the device it points to, for every link in `dir`. */
function links(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const link = path.join(dir, name);
    try {
      out.set(fs.realpathSync(link), link);
    } catch {
      // A dangling link: its device is unplugged.
    }
  }
  return out;
}

const real = (p: string): string => {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
};

/**
 * The rule for a name that survives: by-id when the adapter reports a serial number (udev's by-id name
 * then follows it to any USB socket); by-path otherwise (CH340/PL2303 adapters without a serial number
 * all get the same by-id name, so only the socket tells two of them apart); the bare path last.
 * Ports the OS does not list over USB (PTYs, links made by our udev rules) keep their by-id name if
 * they have one: nothing else describes them.
 */
export function stableNameOf(p: Omit<PortNames, 'stableName' | 'stableKind'>, listedOverUsb: boolean): Pick<PortNames, 'stableName' | 'stableKind'> {
  if (p.byId && (p.serialNumber || !listedOverUsb)) return { stableName: p.byId, stableKind: 'by-id' };
  if (p.byPath) return { stableName: p.byPath, stableKind: 'by-path' };
  if (p.byId) return { stableName: p.byId, stableKind: 'by-id' };
  return { stableName: p.path, stableKind: 'path' };
}

/**
 * Every serial port with what is known of it: the OS list (USB ids, serial number, manufacturer),
 * the by-id and by-path names udev gives it, and `extraPaths` the OS list does not show (PTYs). A
 * device found only through a by-id or by-path link is listed too.
 */
export async function listSerialPorts(transport: SerialTransport, dirs: PortDirs, extraPaths: readonly string[] = []): Promise<PortNames[]> {
  const listed: SerialPortInfo[] = await transport.list().catch(() => []);
  const byId = links(dirs.byIdDir);
  const byPath = links(dirs.byPathDir);
  const seen = new Map<string, { info: SerialPortInfo; usb: boolean }>();
  for (const info of listed) seen.set(real(info.path), { info, usb: Boolean(info.vendorId) });
  for (const p of [...extraPaths, ...byId.keys(), ...byPath.keys()]) {
    const r = real(p);
    if (!seen.has(r)) seen.set(r, { info: { path: p }, usb: false });
  }
  return [...seen.entries()]
    .map(([resolved, { info, usb }]) => {
      const names = {
        path: info.path,
        byId: byId.get(resolved) ?? null,
        byPath: byPath.get(resolved) ?? null,
        vendorId: info.vendorId ?? null,
        productId: info.productId ?? null,
        serialNumber: info.serialNumber ?? null,
        manufacturer: info.manufacturer ?? null,
      };
      return { ...names, ...stableNameOf(names, usb) };
    })
    .sort((a, b) => a.stableName.localeCompare(b.stableName));
}

/** The same device under any of its names (a saved by-id link and the port it points to today). */
export const samePort = (a: string, b: string): boolean => a === b || real(a) === real(b);
