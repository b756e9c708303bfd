import chinese from 'simple-keyboard-layouts/build/layouts/chinese';

/**
 * Characters per pinyin syllable, most frequent first, from simple-keyboard-layouts' Chinese layout.
 * (The package's type omits `layoutCandidates`, which the layout does ship.)
 */
export const CHARS_BY_SYLLABLE: Readonly<Record<string, string>> =
  (chinese as typeof chinese & { layoutCandidates?: Record<string, string> }).layoutCandidates ?? {};
