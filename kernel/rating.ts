/**
 * The five levels of GB/T 39734-2020 (好差评). The evaluation pad numbers them 5 (best) … 1 (worst);
 * the platform names them by id; people read them in Chinese. The lower two are 差评.
 */
export const RATING_LEVELS = [
  { level: 5, id: 'very-satisfied', zh: '非常满意' },
  { level: 4, id: 'satisfied', zh: '满意' },
  { level: 3, id: 'basically-satisfied', zh: '基本满意' },
  { level: 2, id: 'dissatisfied', zh: '不满意' },
  { level: 1, id: 'very-dissatisfied', zh: '非常不满意' },
] as const;

export type RatingLevel = (typeof RATING_LEVELS)[number]['level'];
export type RatingLevelId = (typeof RATING_LEVELS)[number]['id'];
export type RatingLevelName = (typeof RATING_LEVELS)[number]['zh'];

export const RATING_LEVEL_IDS = RATING_LEVELS.map((l) => l.id) as [RatingLevelId, ...RatingLevelId[]];
export const RATING_LEVEL_NAMES = RATING_LEVELS.map((l) => l.zh) as [RatingLevelName, ...RatingLevelName[]];

export const ratingByLevel = (level: RatingLevel): (typeof RATING_LEVELS)[number] => RATING_LEVELS.find((l) => l.level === level)!;
export const ratingById = (id: RatingLevelId): (typeof RATING_LEVELS)[number] => RATING_LEVELS.find((l) => l.id === id)!;

/** 不满意 and 非常不满意 are 差评: they need a reason and a follow-up. */
export const isBadRating = (id: RatingLevelId): boolean => id === 'dissatisfied' || id === 'very-dissatisfied';
