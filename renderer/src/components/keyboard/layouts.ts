import type { InputKind } from '../../../../contract';

/** Key layouts of the on-screen keyboard (simple-keyboard's layout format). */
export type KeyboardMode = 'pinyin' | 'latin' | 'numeric' | 'idNumber' | 'creditCode' | 'code' | 'date' | 'digits' | 'money';

const letters = [
  '1 2 3 4 5 6 7 8 9 0 {bksp}',
  'q w e r t y u i o p',
  'a s d f g h j k l',
  '{mode} z x c v b n m - . @',
  '{space} {done}',
];
// Chinese punctuation on the Chinese keyboard: a name like XX（佛山）有限公司 or a 经营范围 listed with 、
// cannot be typed without it.
const chinese = [
  '1 2 3 4 5 6 7 8 9 0 {bksp}',
  'q w e r t y u i o p',
  'a s d f g h j k l',
  '{mode} z x c v b n m',
  '（ ） 、 ； ， 。 ： “ ”',
  '{space} {done}',
];
// Alphabetical, as for credit codes: a licence number is copied from paper one character at a time.
const code = ['1 2 3 4 5 6 7 8 9 0 {bksp}', 'A B C D E F G H I J K', 'L M N O P Q R S T U', 'V W X Y Z -', '{done}'];
const digits = ['1 2 3', '4 5 6', '7 8 9', '0 {bksp}', '{done}'];

export const LAYOUTS: Record<KeyboardMode, { default: string[] }> = {
  pinyin: { default: chinese },
  latin: { default: letters },
  numeric: { default: ['1 2 3', '4 5 6', '7 8 9', '. 0 {bksp}', '{done}'] },
  // Resident ID numbers end in a digit or X (GB 11643).
  idNumber: { default: ['1 2 3', '4 5 6', '7 8 9', 'X 0 {bksp}', '{done}'] },
  // Unified social credit codes use digits and the capitals other than I, O, S, V, Z (GB 32100). In
  // alphabetical order: people copy the code from a licence one character at a time, and many of them
  // do not know where QWERTY puts a letter.
  creditCode: { default: ['1 2 3 4 5 6 7 8 9 0 {bksp}', 'A B C D E F G H J K', 'L M N P Q R T U W X Y', '{done}'] },
  code: { default: code },
  // Digits only: the field puts the dashes of YYYY-MM-DD in itself.
  date: { default: digits },
  digits: { default: digits },
  money: { default: ['1 2 3', '4 5 6', '7 8 9', '. 0 {bksp}', '{done}'] },
};

/** The keyboard a form field's declared input kind gets. */
export const MODE_OF_KIND: Record<InputKind, KeyboardMode> = {
  chinese: 'pinyin',
  latin: 'latin',
  code: 'code',
  creditCode: 'creditCode',
  idNumber: 'idNumber',
  date: 'date',
  phone: 'digits',
  digits: 'digits',
  money: 'money',
};
