/** SAM commands (CMD, Para) and SW3 status codes, from shared/protocols/id-card-reader.md §3. */
export const SAM = {
  resetSam: [0x10, 0xff],
  samStatus: [0x11, 0xff],
  samId: [0x12, 0xff],
  findCard: [0x20, 0x01],
  selectCard: [0x20, 0x02],
  readTextPhoto: [0x30, 0x01],
  readTextPhotoFingerprint: [0x30, 0x10],
} as const satisfies Record<string, readonly [number, number]>;

export const SW3 = {
  ok: 0x90,
  cardFound: 0x9f,
  checksumError: 0x10,
  lengthError: 0x11,
  commandError: 0x21,
  samAuthFailed: 0x31,
  cardAuthFailed: 0x32,
  verifyError: 0x33,
  unknownCardType: 0x40,
  readFailed: 0x41,
  findFailed: 0x80,
  selectFailed: 0x81,
  itemAbsent: 0x91,
} as const;

/** SW3 → a short English description a technician can read in the log. */
export const describeSw3 = (sw3: number): string =>
  ({
    0x90: 'success',
    0x9f: 'card found',
    0x10: 'reader saw a checksum error',
    0x11: 'reader saw a length error',
    0x21: 'command error',
    0x23: 'privilege violation',
    0x24: 'unrecognised error',
    0x31: 'card failed to authenticate the SAM',
    0x32: 'SAM failed to authenticate the card',
    0x33: 'information verification error',
    0x40: 'unrecognised card type',
    0x41: 'read card failed',
    0x47: 'get random number failed',
    0x60: 'SAM self-test failed',
    0x66: 'SAM not authorised',
    0x80: 'no card (find failed)',
    0x81: 'select card failed',
    0x91: 'item absent on card',
  })[sw3] ?? `unknown status 0x${sw3.toString(16).padStart(2, '0')}`;
