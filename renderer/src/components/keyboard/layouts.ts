/** Key layouts of the on-screen keyboard (simple-keyboard's layout format). */
export type KeyboardMode = 'pinyin' | 'latin' | 'numeric' | 'idNumber' | 'creditCode';

const letters = [
  '1 2 3 4 5 6 7 8 9 0 {bksp}',
  'q w e r t y u i o p',
  'a s d f g h j k l',
  '{mode} z x c v b n m - . @',
  '{space} {done}',
];

export const LAYOUTS: Record<KeyboardMode, { default: string[] }> = {
  pinyin: { default: letters },
  latin: { default: letters },
  numeric: { default: ['1 2 3', '4 5 6', '7 8 9', '. 0 {bksp}', '{done}'] },
  // Resident ID numbers end in a digit or X (GB 11643).
  idNumber: { default: ['1 2 3', '4 5 6', '7 8 9', 'X 0 {bksp}', '{done}'] },
  // Unified social credit codes use digits and the capitals other than I, O, S, V, Z (GB 32100). In
  // alphabetical order: people copy the code from a licence one character at a time, and many of them
  // do not know where QWERTY puts a letter.
  creditCode: { default: ['1 2 3 4 5 6 7 8 9 0 {bksp}', 'A B C D E F G H J K', 'L M N P Q R T U W X Y', '{done}'] },
};
