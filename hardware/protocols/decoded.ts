/**
 * What an incremental frame decoder yields: a typed message, or a typed error describing bytes it
 * had to drop. Decoders never throw on input; they resynchronise and carry on.
 */
export type Decoded<M, E extends string = string> =
  | { readonly kind: 'message'; readonly message: M }
  | { readonly kind: 'error'; readonly error: E; readonly detail: string };

export const message = <M>(m: M): { kind: 'message'; message: M } => ({ kind: 'message', message: m });
export const decodeError = <E extends string>(error: E, detail: string): { kind: 'error'; error: E; detail: string } => ({
  kind: 'error',
  error,
  detail,
});

/** Incremental decoder: feed arbitrary chunks, get everything complete so far. */
export interface FrameDecoder<M, E extends string = string> {
  push(chunk: Uint8Array): Decoded<M, E>[];
  /** Drops any partial frame (after a reconnect). */
  reset(): void;
}
