import type { IncomingMessage } from 'node:http';

/**
 * The host answers only to itself: a Host header other than its own loopback address defeats DNS
 * rebinding, and an Origin other than its own stops another page in the browser from calling the API.
 */
export function isOwnRequest(req: IncomingMessage, port: number, { requireOrigin }: { requireOrigin: boolean }): boolean {
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const host = req.headers.host;
  if (!host || !allowedHosts.has(host.toLowerCase())) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return !requireOrigin;
  return [...allowedHosts].some((h) => origin.toLowerCase() === `http://${h}`);
}
