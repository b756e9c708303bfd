/** Raised when a device does not answer within the timeout after every retry. */
export class NoAnswerError extends Error {
  constructor(what: string, attempts: number, timeoutMs: number) {
    super(`${what}: no answer after ${attempts} attempt(s) of ${timeoutMs} ms`);
    this.name = 'NoAnswerError';
  }
}

export interface RequestOptions<M> {
  /** For logs and errors, e.g. "find card". */
  readonly what: string;
  readonly timeoutMs: number;
  /** Resends after a timeout (total attempts = retries + 1). */
  readonly retries: number;
  /** Which incoming message answers this request. */
  readonly accepts: (m: M) => boolean;
}

/**
 * One outstanding request at a time (the ID reader has no sequence numbers): requests queue up,
 * each is written, and the first accepted message resolves it; unaccepted messages go back to the
 * caller of `deliver` (events, stray replies).
 */
export class Requester<M> {
  private chain: Promise<unknown> = Promise.resolve();
  private pending: { accepts: (m: M) => boolean; resolve: (m: M) => void } | null = null;

  constructor(private readonly write: (bytes: Uint8Array) => Promise<void>) {}

  /** Returns true if the message answered the pending request. */
  deliver(m: M): boolean {
    if (this.pending?.accepts(m)) {
      const p = this.pending;
      this.pending = null;
      p.resolve(m);
      return true;
    }
    return false;
  }

  request(bytes: Uint8Array, options: RequestOptions<M>): Promise<M> {
    const run = async (): Promise<M> => {
      for (let attempt = 0; attempt <= options.retries; attempt++) {
        let timer: NodeJS.Timeout | undefined;
        const answer = new Promise<M | null>((resolve) => {
          timer = setTimeout(() => {
            this.pending = null;
            resolve(null);
          }, options.timeoutMs);
          this.pending = {
            accepts: options.accepts,
            resolve: (m) => {
              clearTimeout(timer);
              resolve(m);
            },
          };
        });
        try {
          await this.write(bytes);
        } catch (err) {
          clearTimeout(timer);
          this.pending = null;
          throw err;
        }
        const m = await answer;
        if (m !== null) return m;
      }
      throw new NoAnswerError(options.what, options.retries + 1, options.timeoutMs);
    };
    const result = this.chain.then(run, run);
    this.chain = result.catch(() => undefined);
    return result;
  }
}
