import { z } from 'zod';

/** A target name as the kiosk accepts it: relative, no `..`, no empty or dot segments, no escapes. */
export const targetName = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/, 'a relative path of plain segments')
  .refine((n) => !n.split('/').some((s) => s === '.' || s === '..'), 'no . or .. segments');

/** What the signed custom fields of a target say: its kind, version, channel and (optionally) ring. */
const targetCustom = z.union([
  z.object({ kind: z.literal('content'), version: z.number().int().positive(), channel: z.string().max(40).default('stable'), ring: z.string().max(40).optional() }),
  z.object({ kind: z.literal('app'), version: z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/), channel: z.string().max(40).default('stable'), ring: z.string().max(40).optional() }),
]);

export type SignedTarget =
  | { readonly kind: 'content'; readonly name: string; readonly length: number; readonly sha256: string; readonly version: number; readonly channel: string; readonly ring?: string }
  | { readonly kind: 'app'; readonly name: string; readonly length: number; readonly sha256: string; readonly version: string; readonly channel: string; readonly ring?: string };

const signedTargets = z.object({
  signed: z.object({
    version: z.number().int(),
    targets: z.record(z.string(), z.object({ length: z.number().int().nonnegative(), hashes: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }), custom: z.unknown().optional() })),
  }),
});

/**
 * Every target of verified targets metadata the kiosk can use. A target with an unusable name or
 * custom fields is left out (the rest stay usable). A bundle signed before targets carried custom
 * fields holds one target, `content.db`, whose version is the metadata's version.
 */
export function targetsOf(verifiedTargetsJson: string): SignedTarget[] {
  const t = signedTargets.parse(JSON.parse(verifiedTargetsJson));
  return Object.entries(t.signed.targets).flatMap(([name, info]): SignedTarget[] => {
    if (!targetName.safeParse(name).success) return [];
    const legacy = name === 'content.db' && (info.custom === undefined || (typeof info.custom === 'object' && info.custom !== null && !('kind' in info.custom)));
    const custom = legacy ? { success: true as const, data: { kind: 'content' as const, version: t.signed.version, channel: 'stable' } } : targetCustom.safeParse(info.custom);
    if (!custom.success) return [];
    return [{ ...custom.data, name, length: info.length, sha256: info.hashes.sha256 } as SignedTarget];
  });
}

const semverParts = (v: string): number[] => v.split('-')[0]!.split('.').map(Number);
/** Orders app versions (semver without pre-release ordering subtleties: a pre-release sorts before its release). */
export const compareAppVersions = (a: string, b: string): number => {
  const [pa, pb] = [semverParts(a), semverParts(b)];
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return (a.includes('-') ? 0 : 1) - (b.includes('-') ? 0 : 1);
};
