import { lifeStage, type ServiceItem } from '../../../../contract';

export type LifeStage = ServiceItem['stages'][number];

/** The home screen's tiles use a few friendlier ids; map them onto the content's stage enum. */
const ALIASES: Record<string, LifeStage> = { close: 'exit', permit: 'licence' };

export function normaliseStage(raw: string | undefined): LifeStage | undefined {
  if (!raw) return undefined;
  const parsed = lifeStage.safeParse(ALIASES[raw] ?? raw);
  return parsed.success ? parsed.data : undefined;
}
