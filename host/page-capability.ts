import { randomBytes, timingSafeEqual } from 'node:crypto';

/** Where the page finds its capability (the renderer's HTTP bridge reads it). */
export const CAPABILITY_META = 'kiosk-capability';
export const CAPABILITY_HEADER = 'x-kiosk-capability';
export const CAPABILITY_QUERY = 'capability';

/**
 * A secret made at each start and written into the page the host serves: the API and the event
 * stream answer only a caller that presents it. Another origin cannot read the page (the browser's
 * same-origin rule), and a program that merely connects to the port has not got it.
 */
export class PageCapability {
  readonly value = randomBytes(32).toString('base64url');

  /** The page with the capability in a `<meta>` element (the CSP forbids inline script, not meta). */
  inject(html: string): string {
    const meta = `<meta name="${CAPABILITY_META}" content="${this.value}" />`;
    return html.includes('</head>') ? html.replace('</head>', `    ${meta}\n  </head>`) : `${meta}${html}`;
  }

  matches(candidate: string | null | undefined): boolean {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(this.value);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
