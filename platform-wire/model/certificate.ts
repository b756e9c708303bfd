import { z } from 'zod';

/** Kinds of electronic certificate (电子证照) the kiosk fetches for 免证办. */
export const certificateKind = z.enum([
  'business-licence', // 营业执照
  'food-business-licence', // 食品经营许可证
  'public-place-hygiene-licence', // 公共场所卫生许可证
  'drug-retail-licence', // 药品经营许可证
  'road-transport-licence', // 道路运输经营许可证
  'publication-retail-licence', // 出版物经营许可证
  'other',
]);
export type CertificateKind = z.infer<typeof certificateKind>;

/** The certificate fields the issuer signs; `hash` is SHA-256 over their canonical JSON. */
export const certificateBody = z.object({
  certificateId: z.string().min(1),
  kind: certificateKind,
  name: z.string().min(1), // zh-CN title, e.g. 食品经营许可证
  number: z.string().min(1),
  holderCode: z.string().length(18), // credit code of the holder
  holderName: z.string().min(1),
  issuer: z.string().min(1), // e.g. 佛山市南海区市场监督管理局
  issuedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** null = 长期 (no expiry). */
  validUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  scope: z.string().optional(), // 经营范围 / 许可项目
});
export type CertificateBody = z.infer<typeof certificateBody>;

/** An e-certificate as the platform delivers it: body, its hash and the issuer's Ed25519 signature. */
export const eCertificate = certificateBody.extend({
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  signature: z.string().min(1), // base64 Ed25519 signature over the hash (hex string, UTF-8)
  signatureKeyId: z.string().min(1),
});
export type ECertificate = z.infer<typeof eCertificate>;

/** What the kiosk shows: the certificate plus what the services verified about it. */
export const certificateView = eCertificate.extend({
  expired: z.boolean(),
  /** Hash recomputed and signature checked against the issuer key the platform publishes. */
  verified: z.boolean(),
});
export type CertificateView = z.infer<typeof certificateView>;

/** Canonical JSON of a certificate body: keys sorted, so the hash is reproducible on both sides. */
export function canonicalCertificateJson(body: CertificateBody): string {
  const parsed = certificateBody.parse(body);
  const sorted = Object.keys(parsed)
    .sort()
    .reduce<Record<string, unknown>>((acc, k) => {
      acc[k] = (parsed as Record<string, unknown>)[k];
      return acc;
    }, {});
  return JSON.stringify(sorted);
}
