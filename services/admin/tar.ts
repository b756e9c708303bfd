import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/**
 * POSIX ustar, by hand: the export writes one (it opens with any archiver, Windows included) and the A/B
 * installer reads app builds with it. Reading is strict on purpose — regular files and folders only,
 * every name inside the target folder — because an app build is code the kiosk will run.
 */
function tarHeader(name: string, size: number, mtime: Date, type: '0' | '5' = '0', mode = 0o644): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`name too long for ustar: ${name}`);
  const h = Buffer.alloc(512, 0);
  const put = (text: string, at: number, len: number): void => void h.write(text.slice(0, len), at, len, 'utf8');
  const octal = (n: number, len: number): string => `${n.toString(8).padStart(len - 1, '0')}\0`;
  put(name, 0, 100);
  put(octal(mode, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(size, 12), 124, 12);
  put(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 12);
  put('        ', 148, 8);
  put(type, 156, 1);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  let sum = 0;
  for (const b of h) sum += b;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return h;
}

export interface TarFile {
  readonly name: string;
  readonly data: Buffer;
  readonly mode?: number;
}

export function tar(files: readonly TarFile[], mtime = new Date()): Buffer {
  const parts: Buffer[] = [];
  for (const f of files) {
    parts.push(tarHeader(f.name, f.data.length, mtime, '0', f.mode ?? 0o644), f.data);
    const pad = (512 - (f.data.length % 512)) % 512;
    if (pad) parts.push(Buffer.alloc(pad, 0));
  }
  parts.push(Buffer.alloc(1024, 0));
  return Buffer.concat(parts);
}

export const tarGzip = (files: readonly TarFile[], mtime = new Date()): Buffer => zlib.gzipSync(tar(files, mtime), { level: 6 });

/** Every regular file of a folder, as tar entries under `prefix` (modes kept: launch scripts stay executable). */
export function filesOf(dir: string, prefix = ''): TarFile[] {
  const out: TarFile[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...filesOf(full, name));
    else if (entry.isFile()) out.push({ name, data: fs.readFileSync(full), mode: fs.statSync(full).mode & 0o777 });
  }
  return out;
}

const field = (h: Buffer, at: number, len: number): string => h.subarray(at, at + len).toString('utf8').replace(/\0.*$/s, '');
const octalField = (h: Buffer, at: number, len: number): number => parseInt(field(h, at, len).trim() || '0', 8);

export class TarError extends Error {}

/**
 * Extracts the entries under `strip` (e.g. `./usr/lib/zhengwu-kiosk/`; '' for all) into `dest`.
 * Refuses links, devices, absolute names and any name that would land outside `dest`.
 */
export function untar(archive: Buffer, dest: string, strip = ''): number {
  let off = 0;
  let count = 0;
  const root = path.resolve(dest);
  let longName: string | null = null;
  while (off + 512 <= archive.length) {
    const h = archive.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    let stored = 0;
    for (let i = 0; i < 512; i++) stored += i >= 148 && i < 156 ? 32 : h[i]!;
    if (stored !== octalField(h, 148, 8)) throw new TarError(`tar header checksum wrong at byte ${off}`);
    const size = octalField(h, 124, 12);
    const type = String.fromCharCode(h[156]!) || '0';
    const prefix = field(h, 345, 155);
    let name = longName ?? (prefix ? `${prefix}/${field(h, 0, 100)}` : field(h, 0, 100));
    longName = null;
    const data = archive.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      // GNU long name (dpkg-deb writes them for deep paths): the next entry's name.
      longName = data.toString('utf8').replace(/\0.*$/s, '');
      continue;
    }
    if (type === 'x' || type === 'g') continue; // pax headers: nothing the installer needs
    if (!name.startsWith(strip)) continue;
    name = name.slice(strip.length).replace(/^\.?\/+/, '');
    if (name === '' || name === '.') continue;
    if (path.isAbsolute(name) || name.split('/').includes('..')) throw new TarError(`entry ${JSON.stringify(name)} escapes the install folder`);
    const target = path.resolve(root, name);
    if (!target.startsWith(`${root}${path.sep}`)) throw new TarError(`entry ${JSON.stringify(name)} escapes the install folder`);
    if (type === '5') fs.mkdirSync(target, { recursive: true });
    else if (type === '0' || type === '\0') {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, data, { mode: octalField(h, 100, 8) & 0o755 });
      count += 1;
    } else throw new TarError(`entry ${JSON.stringify(name)} is of type ${type}: only files and folders are installed`);
  }
  return count;
}
