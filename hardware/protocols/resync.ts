import { decodeError, type Decoded, type FrameDecoder } from './decoded';

type FrameError<E extends string> = Extract<Decoded<never, E>, { kind: 'error' }>;

/** What a resynchronising decoder needs to know about one framing. */
export interface ResyncFraming<M, E extends string> {
  /** The bytes every frame starts with; the decoder hunts for them. */
  readonly sync: Uint8Array;
  /** Bytes from the sync on that `frameLength` needs to see. */
  readonly headerBytes: number;
  /** The whole frame's length (sync included) read from its header, or why no frame can start here. */
  frameLength(head: Buffer): number | FrameError<E>;
  /** Checks a complete frame (checksum, trailer) and builds its message. */
  decode(frame: Buffer): Decoded<M, E>;
  /** How many skipped bytes are noise worth reporting (default all; a preamble's filler is not). */
  noise?(skipped: Buffer): number;
}

/**
 * Reassembles frames from arbitrary chunks: hunts for the sync, waits for the header and then the
 * whole frame, and on any failure drops one byte and hunts again, so a real frame hidden behind
 * garbage or a damaged frame is still found. Never throws on input.
 */
export class ResyncDecoder<M, E extends string> implements FrameDecoder<M, E | 'garbage'> {
  private buf = Buffer.alloc(0);

  constructor(private readonly framing: ResyncFraming<M, E>) {}

  reset(): void {
    this.buf = Buffer.alloc(0);
  }

  push(chunk: Uint8Array): Decoded<M, E | 'garbage'>[] {
    const f = this.framing;
    this.buf = this.buf.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buf, chunk]);
    const out: Decoded<M, E | 'garbage'>[] = [];
    for (;;) {
      const at = this.buf.indexOf(f.sync);
      if (at < 0) {
        // Keep a possible partial sync at the tail; everything before it is noise.
        const keep = Math.min(this.buf.length, f.sync.length - 1);
        this.skip(this.buf.length - keep, out);
        return out;
      }
      this.skip(at, out);
      if (this.buf.length < f.headerBytes) return out;
      const total = f.frameLength(this.buf);
      if (typeof total !== 'number') {
        out.push(total);
        this.buf = this.buf.subarray(1);
        continue;
      }
      if (this.buf.length < total) return out;
      const decoded = f.decode(this.buf.subarray(0, total));
      out.push(decoded);
      this.buf = this.buf.subarray(decoded.kind === 'message' ? total : 1);
    }
  }

  private skip(n: number, out: Decoded<M, E | 'garbage'>[]): void {
    const skipped = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    const noise = this.framing.noise?.(skipped) ?? skipped.length;
    if (noise > 0) out.push(decodeError('garbage', `${noise} stray byte(s) skipped`));
  }
}
