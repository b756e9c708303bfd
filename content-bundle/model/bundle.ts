import { z } from 'zod';
import { department, notice, policy, servicePackage, servicePoint, synonymGroup } from './catalogue';
import { situationFlow } from './flow';
import { formDefinition } from './form';
import { serviceItem } from './item';
import { lexicon } from './lexicon';
import { localText } from './text';

/**
 * One complete content set: what a content directory holds (one JSON file per key), what a bundle
 * carries, and what the kiosk's store serves. The single source of truth for all three.
 */
export const contentSet = z.object({
  meta: z.object({
    title: localText,
    region: z.string(),
    /** Marks sample/synthetic content so a production kiosk can warn. */
    sample: z.boolean().default(false),
  }),
  departments: z.array(department).min(1),
  items: z.array(serviceItem).min(1),
  flows: z.array(situationFlow).default([]),
  forms: z.array(formDefinition).default([]),
  packages: z.array(servicePackage).default([]),
  policies: z.array(policy).default([]),
  notices: z.array(notice).default([]),
  servicePoints: z.array(servicePoint).default([]),
  synonyms: z.array(synonymGroup).default([]),
  /** Everyday words → catalogue concepts, life events and clarifying questions, for sentences people type. */
  lexicon: lexicon.prefault({}),
});
export type ContentSet = z.infer<typeof contentSet>;
export type ContentSetInput = z.input<typeof contentSet>;

/** The file names of a content directory, one per key of the content set. */
export const contentFiles = {
  meta: 'meta.json',
  departments: 'departments.json',
  items: 'items.json',
  flows: 'flows.json',
  forms: 'forms.json',
  packages: 'packages.json',
  policies: 'policies.json',
  notices: 'notices.json',
  servicePoints: 'service-points.json',
  synonyms: 'synonyms.json',
  lexicon: 'lexicon.json',
} as const satisfies Record<keyof ContentSet, string>;
