import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { adminDir } from '../services/admin/area';
import { AuditLog } from '../services/admin/audit';
import { PinError, setPin } from '../services/admin/pin';
import { ConfigError, loadConfig } from '../services/config';
import { Redactor } from '../services/log/redact';

const USAGE = `kiosk-admin set-pin [--data-dir DIR]
  Sets the admin PIN (6–12 digits) of the kiosk whose data directory is DIR (default: KIOSK_DATA_DIR,
  as the kiosk itself reads it). The PIN is read from standard input, never from the command line
  (it would stay in the shell's history); on a terminal it is asked twice.`;

/** Lines from stdin; on a terminal the typed digits are not echoed. */
async function readPin(prompt: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdin.isTTY ? process.stderr : undefined, terminal: process.stdin.isTTY });
  if (process.stdin.isTTY) {
    process.stderr.write(prompt);
    const write = (rl as unknown as { _writeToOutput?: (s: string) => void });
    write._writeToOutput = () => undefined;
  }
  const line = await new Promise<string>((resolve) => rl.once('line', resolve).once('close', () => resolve('')));
  rl.close();
  if (process.stdin.isTTY) process.stderr.write('\n');
  return line.trim();
}

/**
 * The install-time step that makes admin mode usable: there is no default PIN, so a kiosk fresh from
 * its package has admin mode locked until this runs (the package's postinst tells the installer so).
 */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'data-dir': { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help || positionals[0] !== 'set-pin') {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const config = loadConfig(values['data-dir'] ? { ...process.env, KIOSK_DATA_DIR: values['data-dir'] } : process.env);
  const pin = await readPin('New admin PIN (6–12 digits): ');
  if (process.stdin.isTTY && (await readPin('Again: ')) !== pin) {
    console.error('The two PINs differ: nothing was changed.');
    process.exit(1);
  }
  try {
    const file = await setPin(config.dataDir, pin);
    new AuditLog(path.join(adminDir(config.dataDir), 'audit.jsonl'), new Redactor()).record('pin.set', 'ok', { via: 'kiosk-admin' });
    // The kiosk's own user must be able to read it when this ran as root at install.
    if (process.getuid?.() === 0) {
      const owner = fs.statSync(config.dataDir);
      for (const f of [path.dirname(file), file, path.join(adminDir(config.dataDir), 'audit.jsonl')]) fs.chownSync(f, owner.uid, owner.gid);
    }
    console.log(`Admin PIN set (${file}).`);
  } catch (err) {
    console.error(err instanceof PinError ? `Not set: ${err.message}.` : err instanceof ConfigError ? err.message : String(err));
    process.exit(1);
  }
}

void main();
