import type { EnterpriseProfile } from '../../../../contract';
import type { SituationFlow } from '../../../../contract';
import type { Role } from '../identity/store';

/**
 * Answers the kiosk already knows from who is here: the role they confirmed (法定代表人 / 经办人)
 * and the enterprise's type from its profile. Only questions whose options name these values are
 * answered; everything else is asked.
 */
export function knownAnswers(flow: SituationFlow, role: Role | null, profile: EnterpriseProfile | null): Record<string, string> {
  const known: Record<string, string> = {};
  for (const [id, node] of Object.entries(flow.nodes)) {
    if (node.kind !== 'single') continue;
    const values = new Set(node.options.map((o) => o.value));
    if (role && values.has('legal_rep') && values.has('agent')) known[id] = role;
    else if (profile && values.has('enterprise') && values.has('individual')) {
      known[id] = profile.entityType.includes('个体') ? 'individual' : 'enterprise';
    }
  }
  return known;
}
