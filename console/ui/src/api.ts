import type { z } from 'zod';
import { errorBody } from '../../shared/api';

/** A refusal of the console server, with its code (`forbidden`, `signed-out`, …) for the screens to word. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken = '';
/** Sent with every request that changes something (the server checks it against the session). */
export const setCsrfToken = (t: string): void => {
  csrfToken = t;
};

type Query = Record<string, string | number | undefined | null>;
const withQuery = (path: string, query?: Query): string => {
  const entries = Object.entries(query ?? {}).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== null && e[1] !== '');
  return entries.length === 0 ? path : `${path}?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}`;
};

/** One call to the console's API; the answer is checked against the schema the server answers with. */
export async function api<S extends z.ZodType>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, answer: S, options: { body?: unknown; query?: Query } = {}): Promise<z.output<S>> {
  const res = await fetch(withQuery(path, options.query), {
    method,
    credentials: 'same-origin',
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(method !== 'GET' ? { 'x-csrf-token': csrfToken } : {}),
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const e = errorBody.safeParse(json);
    throw new ApiError(res.status, e.success ? e.data.error.code : 'internal', e.success ? e.data.error.message : `HTTP ${res.status}`);
  }
  return answer.parse(json);
}
