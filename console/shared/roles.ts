import { z } from 'zod';

/**
 * Who may do what in the console. Hall managers act only on the kiosks of their own halls; everyone
 * signed in may read the fleet (a hall manager: their halls only).
 */
export const ROLES = ['admin', 'publisher', 'content-editor', 'hall-manager', 'viewer'] as const;
export const role = z.enum(ROLES);
export type Role = z.infer<typeof role>;

export const PERMISSIONS = {
  /** Approve enrolments (by the pairing code shown on the kiosk), revoke and reinstate kiosks, move them between halls. */
  'kiosks.manage': ['admin', 'hall-manager'],
  'commands.issue': ['admin', 'hall-manager'],
  'diagnostics.read': ['admin', 'hall-manager'],
  'alerts.acknowledge': ['admin', 'hall-manager'],
  /** Prepare a rollout (kind, version, rings); nothing reaches a kiosk until it is started. */
  'rollouts.draft': ['admin', 'publisher', 'content-editor'],
  /** Start, pause, resume, retry and cancel rollouts: what reaches kiosks. */
  'rollouts.publish': ['admin', 'publisher'],
  'halls.manage': ['admin'],
  'operators.manage': ['admin'],
  'audit.read': ['admin'],
  /** Record the steps of a 差评 / complaint / 办不成事 case (verification, contact, rectification, satisfaction) and close it. */
  'cases.handle': ['admin', 'hall-manager'],
  /** Set the working-day deadline policy of a jurisdiction. */
  'cases.policy': ['admin'],
  /** Read the sentences people typed at kiosks that found nothing (to grow the lexicon); a hall manager: their halls' kiosks. */
  'sentences.read': ['admin', 'publisher', 'content-editor', 'hall-manager'],
  /** 视频办事: answer a kiosk's video call, see its masked screen, send the person an item or a hint; their halls' kiosks only. */
  'video.answer': ['admin', 'hall-manager'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export const can = (r: Role, p: Permission): boolean => (PERMISSIONS[p] as readonly Role[]).includes(r);

/** Roles whose view of the fleet is limited to the halls they are assigned. */
export const hallScoped = (r: Role): boolean => r === 'hall-manager';
