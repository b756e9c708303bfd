import type { Role } from '../../shared/roles';
import type { Sql } from '../db/database';

/** The signed-in operator an action is done by (null: the console itself, e.g. a rollout advancing). */
export interface Actor {
  readonly id: number;
  readonly username: string;
  readonly role: Role;
  readonly halls: readonly string[];
}

/** Every action, in the same transaction as the action itself: no action without its entry, no entry without its action. */
export async function audit(tx: Sql, actor: Actor | null, at: Date, action: string, target: string | null, detail: Record<string, unknown> = {}): Promise<void> {
  await tx.query('INSERT INTO audit_log (at, operator_id, username, action, target, detail) VALUES ($1, $2, $3, $4, $5, $6)', [
    at,
    actor?.id ?? null,
    actor?.username ?? 'system',
    action,
    target,
    JSON.stringify(detail),
  ]);
}
