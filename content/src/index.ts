import type { ContentSetInput } from '../../content-bundle/model';
import { meta, notices, packages, policies, servicePoints, synonyms } from './catalogue';
import { flows } from './flows';
import { forms } from './forms';
import { departments } from './helpers';
import { hrItems } from './items-hr';
import { licenceItems } from './items-licences';
import { lexicon } from './lexicon';
import { registrationItems } from './items-registration';
import { smartApprovalRules } from './smart-approval';

const items = [...registrationItems, ...licenceItems, ...hrItems].map((i) =>
  smartApprovalRules[i.code] ? { ...i, smartApproval: smartApprovalRules[i.code] } : i,
);

/** The sample content set, as authored (before schema defaults are applied). */
export const sampleContent: ContentSetInput = {
  meta, departments, items, flows, forms, packages, policies, notices,
  servicePoints: servicePoints(items.map((i) => i.code)), synonyms, lexicon,
};
