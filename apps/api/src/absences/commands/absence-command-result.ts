import type { AbsenceState } from '@ledger/domain';
import type { CommandOutcome } from '@ledger/ledger';

/** What every absence command answers: `{ absenceId, version, position }`. */
export interface AbsenceCommandResult {
  absenceId: string;
  version: number;
  position: string;
  /** The command created the case (201) rather than replaying or changing it. */
  created: boolean;
}

export function toResult(absenceId: string, outcome: CommandOutcome<AbsenceState>, created = false): AbsenceCommandResult {
  return { absenceId, version: outcome.version, position: outcome.position.toString(), created: created && outcome.wrote };
}
