import type { StillToProvide } from '../../../../contract';

/**
 * The materials the document camera can take: still to provide for sure (not 如适用, not optional),
 * accepted electronically (a photo of paper-only matter replaces nothing) and with no e-certificate
 * (the platform holds those, or the person agreed to use them).
 */
export function capturableMaterials(list: StillToProvide): StillToProvide['entries'][number]['material'][] {
  return list.entries
    .filter((e) => !e.conditional && !e.optional && !e.paperOnly && !e.material.eCertificate && e.material.medium.includes('electronic'))
    .map((e) => e.material);
}
