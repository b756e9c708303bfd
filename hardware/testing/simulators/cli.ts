import { parseArgs } from 'node:util';
import { startControl, type ControlRoute } from './control';
import { createIdReaderSimulator } from './idcard/sim';
import { createPadSimulator } from './pad/sim';
import { createPrinterSimulator } from './printer/sim';
import { createScannerSimulator } from './scanner/sim';
import { DeviceEnd } from './serial-end';

/**
 * `npm run sim -- <idReader|printer|pad|scanner> --port <pty> [--baud 115200] [--control-port 0]
 * [--out dir] [--no-pace]`. Prints one JSON line `{"ready":true,"device":…,"control":"http://127.0.0.1:…"}`
 * on stdout once it listens; control actions are documented in hardware/README.md.
 */
interface SimOptions {
  readonly outDir?: string | undefined;
  readonly wontRefind?: boolean;
}
const DEVICES: Record<'idReader' | 'printer' | 'pad' | 'scanner', { baud: number; make: (end: DeviceEnd, o: SimOptions) => Record<string, ControlRoute> }> = {
  idReader: { baud: 115200, make: (end, o) => createIdReaderSimulator(end, { wontRefind: o.wontRefind ?? false }) },
  printer: { baud: 115200, make: (end, o) => createPrinterSimulator(end, o.outDir ? { outDir: o.outDir } : {}) },
  pad: { baud: 115200, make: (end) => createPadSimulator(end) },
  scanner: { baud: 9600, make: (end) => createScannerSimulator(end) },
};
type DeviceName = keyof typeof DEVICES;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string' },
    baud: { type: 'string' },
    'control-port': { type: 'string' },
    out: { type: 'string' },
    'no-pace': { type: 'boolean' },
    /** Exit when stdin closes: a simulator spawned by the kiosk dies with it, even on SIGKILL. */
    'exit-with-parent': { type: 'boolean' },
    /** ID card reader: after a read, find answers 80 until the card leaves the field (notes §4). */
    'wont-refind': { type: 'boolean' },
  },
});
const device = positionals[0] as DeviceName | undefined;
if (!device || !(device in DEVICES) || !values.port) {
  process.stderr.write(`usage: sim <${Object.keys(DEVICES).join('|')}> --port <pty> [--baud n] [--control-port n] [--out dir] [--no-pace]\n`);
  process.exit(2);
}
const spec = DEVICES[device];
const baud = Number(values.baud ?? spec.baud);
const end = new DeviceEnd(values.port, baud, !values['no-pace']);
const deviceRoutes: Record<string, ControlRoute> = spec.make(end, { outDir: values.out, wontRefind: values['wont-refind'] ?? false });
const routes: Record<string, ControlRoute> = {
  ...deviceRoutes,
  'POST /unplug': () => {
    end.silent = true;
    return { silent: true };
  },
  'POST /replug': () => {
    end.silent = false;
    return { silent: false };
  },
  'GET /state': () => ({ device, port: values.port, baud, silent: end.silent }),
};
const control = await startControl(routes, Number(values['control-port'] ?? 0));
process.stdout.write(`${JSON.stringify({ ready: true, device, port: values.port, control: control.url })}\n`);

const shutdown = async (): Promise<void> => {
  await control.close();
  await end.close();
  process.exit(0);
};
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
if (values['exit-with-parent']) process.stdin.on('end', () => void shutdown());
