import type { Material } from '../../../../contract';
import type { CertificateView } from '../../../../contract';

/** Content names the certificate in words; the platform by kind. Map the words onto kinds. */
const KIND_BY_WORD: [RegExp, CertificateView['kind']][] = [
  [/营业执照/, 'business-licence'],
  [/食品经营许可/, 'food-business-licence'],
  [/卫生许可/, 'public-place-hygiene-licence'],
  [/药品经营许可/, 'drug-retail-licence'],
  [/道路运输经营许可/, 'road-transport-licence'],
  [/出版物经营许可/, 'publication-retail-licence'],
];

/**
 * The certificate to offer for a material: same kind, signature verified, not expired. An expired
 * certificate is never offered (the applicant must bring paper or renew first).
 */
export function certificateFor(material: Material, certificates: readonly CertificateView[]): CertificateView | null {
  if (!material.eCertificate) return null;
  const words = `${material.eCertificate.certificate.zh} ${material.name.zh}`;
  const kind = KIND_BY_WORD.find(([re]) => re.test(words))?.[1];
  if (!kind) return null;
  return certificates.find((c) => c.kind === kind && c.verified && !c.expired) ?? null;
}
