/**
 * Masking (脱敏) of personal data for screens, receipts and logs. One pattern per field type,
 * used everywhere; masking happens in the data layer, not only in CSS.
 */

const stars = (n: number): string => '*'.repeat(Math.max(0, n));

/** ID number: first 6 and last 4 kept (440106********1234); `strict` keeps 3 + 4 (receipts, public screens). */
export function maskIdNumber(id: string, strict = false): string {
  const keepHead = strict ? 3 : 6;
  if (id.length <= keepHead + 4) return stars(id.length);
  return id.slice(0, keepHead) + stars(id.length - keepHead - 4) + id.slice(-4);
}

/** Name: 张* (2 chars), 张*三 (3), 欧**华 (4+); a 1-character name becomes *. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return stars(chars.length);
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${stars(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** Mobile: first 3 and last 4 kept (138****8000). */
export function maskMobile(mobile: string): string {
  if (mobile.length < 8) return stars(mobile.length);
  return mobile.slice(0, 3) + stars(mobile.length - 7) + mobile.slice(-4);
}

/** Address: kept up to the district/county/town (广州市天河区****). */
export function maskAddress(address: string): string {
  const m = /^(.*?(?:区|县|市辖区|镇|街道))/u.exec(address);
  const head = m?.[1] ?? [...address].slice(0, 6).join('');
  return `${head}****`;
}
