import type { CardRead } from '../../hardware';
import type { IdCard } from '../../contract/events/devices';


/** The card as the renderer sees it: no raw photo bytes, photo as a data URL only if decoded. */
export function cardForBridge(read: CardRead): IdCard {
  const c = read.card;
  return {
    cardType: c.cardType,
    name: c.name,
    englishName: c.englishName,
    sex: c.sex,
    ethnicity: c.ethnicity,
    birthDate: c.birthDate,
    address: c.address,
    idNumber: c.idNumber,
    authority: c.authority,
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    expired: read.expired,
    photo: read.photo ? `data:${read.photo.mime};base64,${read.photo.data.toString('base64')}` : 'placeholder',
  };
}
