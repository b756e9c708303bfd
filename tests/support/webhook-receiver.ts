import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookReceiver<T> {
  readonly url: string;
  /** Every notification the console sent, parsed, in the order it arrived. */
  readonly calls: T[];
  close(): Promise<void>;
}

/** A webhook endpoint on a free port, as a hall's notification service would be: answers 204 to every POST. */
export async function webhookReceiver<T = Record<string, unknown>>(): Promise<WebhookReceiver<T>> {
  const calls: T[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      calls.push(JSON.parse(body) as T);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, calls, close: () => new Promise((r) => server.close(() => r())) };
}
