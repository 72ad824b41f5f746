import type { Actor, Attester } from '@ledger/domain';
import type { PendingCase } from '@ledger/projections';

/**
 * What a pending-attestation item flags to the person reading the list (`flags`). Each flag is a
 * stable string a client may show or filter on:
 * - `own_case`: the case is the reader's own absence; they can never attest it.
 * - `cannot_attest`: the reader may not attest this case (their own, or they are HR, or a manager
 *   above reading a department whose own attesters are there).
 * - `extent_not_payable_from_day_15`: sickness at an extent other than 25, 50, 75 or 100 % on a day
 *   from sick day 15 on, which Försäkringskassan does not pay: correct it before payroll
 *   (extent-flag.ts; the payroll line carries the same flag).
 */
export const PENDING_FLAGS = ['own_case', 'cannot_attest', 'extent_not_payable_from_day_15'] as const;

export interface PendingFlagInput {
  item: PendingCase;
  actor: Actor;
  /** Who may attest the case today. */
  attesters: readonly Attester[];
}

export function pendingFlags({ item, actor, attesters }: PendingFlagInput): string[] {
  const flags: string[] = [];
  if (item.employeeId === actor.sub) flags.push('own_case');
  if (!attesters.some((a) => a.employeeId === actor.sub) || !actor.roles.includes('manager')) flags.push('cannot_attest');
  return flags;
}
