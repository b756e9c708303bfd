import fc from 'fast-check';

/** Splits `bytes` at random cut points (the way serial `data` events arrive). */
export const chunked = (bytes: Buffer): fc.Arbitrary<Buffer[]> =>
  fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, bytes.length - 1) }), { maxLength: 12 }).map((cuts) => {
    const points = [0, ...cuts.filter((c) => c < bytes.length).sort((a, b) => a - b), bytes.length];
    const parts: Buffer[] = [];
    for (let i = 1; i < points.length; i++) parts.push(bytes.subarray(points[i - 1]!, points[i]!));
    return parts;
  });

export const RUNS = 10_000;
