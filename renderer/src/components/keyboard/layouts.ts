/** Key layouts of the on-screen keyboard (simple-keyboard's layout format). */
export type KeyboardMode = 'pinyin' | 'latin' | 'numeric' | 'idNumber';

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
};
