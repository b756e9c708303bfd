/** An expected refusal, answered as `{ error: { code, message } }` with its status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string, code = 'invalid'): HttpError => new HttpError(400, code, message);
export const forbidden = (message = 'not allowed for your role'): HttpError => new HttpError(403, 'forbidden', message);
export const notFound = (what: string): HttpError => new HttpError(404, 'not-found', `${what} not found`);
export const conflict = (message: string, code = 'conflict'): HttpError => new HttpError(409, code, message);
