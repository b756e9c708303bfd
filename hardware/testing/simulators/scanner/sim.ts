import iconv from 'iconv-lite';
import { ControlError, type ControlRoute } from '../control';
import type { DeviceLine } from '../../../transport/serial-transport';
import { garbage } from '../serial-end';

/** A serial scan engine configured for CR LF suffix (notes §1): each scan is payload + suffix. */
export function createScannerSimulator(end: DeviceLine): Record<string, ControlRoute> {
  end.onData(() => {
    // Scanners ignore host bytes unless configured for host triggering.
  });
  return {
    'POST /scanner/scan': async (body) => {
      if (typeof body.text !== 'string' || body.text.length === 0) throw new ControlError('text must be a non-empty string');
      const encoding = body.encoding === 'gbk' ? 'gbk' : 'utf8';
      const suffix = typeof body.suffix === 'string' ? body.suffix : '\r\n';
      await end.send(Buffer.concat([iconv.encode(body.text, encoding), Buffer.from(suffix, 'latin1')]));
      return { scanned: body.text, encoding };
    },
    'POST /garbage': async (body) => {
      await end.send(Buffer.concat([garbage(typeof body.bytes === 'number' ? body.bytes : 16), Buffer.from('\r\n')]));
      return { sent: true };
    },
  };
}
