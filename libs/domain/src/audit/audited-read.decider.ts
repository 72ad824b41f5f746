import type { Actor } from '../shared/actor';
import type { Decider, DomainEvent } from '../shared/decider';
import { streamIds } from '../shared/stream-ids';

/** Stream `audited-reads-<sub>`: reads of other people's absence by auditors are themselves recorded. */
const AUDITED_READS_STREAMS = streamIds('audited-reads-');
export const auditedReadsStreamId = (sub: string): string => AUDITED_READS_STREAMS.streamIdOf(sub);
/** The sub of a `audited-reads-…` stream id. */
export const subOfAuditedReadsStream = (streamId: string): string => AUDITED_READS_STREAMS.idOf(streamId);

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
