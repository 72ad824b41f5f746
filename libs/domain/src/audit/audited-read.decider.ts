import { streamNamePart } from './health-data-read.decider';
import type { Actor } from '../shared/actor';
import type { Decider, DomainEvent } from '../shared/decider';

/** Stream `audited-reads-<sub>`: reads of other people's absence by auditors are themselves recorded. */
export const auditedReadsStreamId = (sub: string) => `audited-reads-${streamNamePart(sub)}`;

export type AbsenceReadByAuditor = DomainEvent<
  'AbsenceReadByAuditor',
  { what: 'absence' | 'history' | 'employee_absences'; absenceId: string | null; employeeId: string | null; asOf: string | null }
>;

export interface RecordAuditedRead {
  what: AbsenceReadByAuditor['data']['what'];
  absenceId: string | null;
  employeeId: string | null;
  asOf: string | null;
}

export const auditedReadDecider: Decider<RecordAuditedRead, { reads: number }, AbsenceReadByAuditor, { actor: Actor }> = {
  initialState: { reads: 0 },
  decide: (command) => [{ type: 'AbsenceReadByAuditor', data: { ...command } }],
  evolve: (state) => ({ reads: state.reads + 1 }),
};
