/** Why an update was refused; the kiosk keeps what it has in every case. */
export type RejectReason =
  | 'signature' // bad, missing, too few signatures or unknown keys
  | 'expired' // metadata past its expiry: a frozen or stale mirror
  | 'rollback' // a version not newer than the one trusted or installed
  | 'hash' // a file whose length or hash differs from the signed metadata
  | 'too-large' // a file longer than its cap or its signed length
  | 'missing' // a metadata or target file is absent
  | 'redirect' // the mirror sent the kiosk elsewhere (refused, never followed)
  | 'stalled' // the mirror stopped sending (slow drip)
  | 'unreachable' // the mirror could not be reached
  | 'not-a-file' // a FIFO, device, socket or a link out of the tree in an imported directory
  | 'schema' // the content does not validate
  | 'io'
  | 'other';

export class BundleRejected extends Error {
  constructor(
    readonly reason: RejectReason,
    message: string,
  ) {
    super(message);
    // The reason rides in the name: tuf-js wraps some errors in its own, keeping only `${error}`.
    this.name = `BundleRejected[${reason}]`;
  }
}

/** Maps what tuf-js or a fetcher threw to a reason a technician can act on. */
export const classifyTufError = (err: unknown): BundleRejected => {
  if (err instanceof BundleRejected) return err;
  const e = err as Error;
  const name = e?.constructor?.name ?? 'Error';
  const msg = e?.message ?? String(err);
  const wrapped = /BundleRejected\[([a-z-]+)\]: (.*)$/s.exec(msg);
  if (wrapped) return new BundleRejected(wrapped[1] as RejectReason, wrapped[2]!);
  if (name === 'ExpiredMetadataError' || /expired/i.test(msg)) return new BundleRejected('expired', msg);
  // Versions that go backwards, or that do not agree between timestamp, snapshot and targets (mix-and-match).
  if (name === 'BadVersionError' || name === 'EqualVersionError' || /version .* (is )?(lower|less|older)|rollback|version .*(does not|doesn't) match/i.test(msg)) {
    return new BundleRejected('rollback', msg);
  }
  if (name === 'UnsignedMetadataError' || /signature|threshold|unsigned|signed by \d+\/\d+ keys/i.test(msg)) return new BundleRejected('signature', msg);
  if (name === 'DownloadLengthMismatchError' || /exceeds|too large/i.test(msg)) return new BundleRejected('too-large', msg);
  if (name === 'LengthOrHashMismatchError' || /hash|length/i.test(msg)) return new BundleRejected('hash', msg);
  if (name === 'DownloadHTTPError' || /not found|ENOENT/.test(msg)) return new BundleRejected('missing', msg);
  if (/JSON|Unexpected token/i.test(msg)) return new BundleRejected('signature', `malformed metadata: ${msg}`);
  return new BundleRejected('other', `${name}: ${msg}`);
};
