import { RATING_LEVELS, type RatingLevelId } from '../../../../kernel/rating';

/** The evaluation pad reports levels 5 (非常满意) … 1 (非常不满意); its reasons arrive already mapped. */
export const levelFromPad = (level: number): RatingLevelId | null => RATING_LEVELS.find((l) => l.level === level)?.id ?? null;
