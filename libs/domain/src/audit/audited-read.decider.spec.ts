import type { Actor } from '../shared/actor';
import { given } from '../testing/given-when-then';
import { AbsenceReadByAuditor, auditedReadDecider, auditedReadsStreamId, RecordAuditedRead } from './audited-read.decider';

const AUDITOR: Actor = { sub: 'aud-1', roles: ['auditor'] };
const read: RecordAuditedRead = { what: 'history', absenceId: 'abs-1', employeeId: null, asOf: null };
const recorded = (data: RecordAuditedRead): AbsenceReadByAuditor => ({ type: 'AbsenceReadByAuditor', data: { ...data } });

describe('audited read decider', () => {
  it('records a read by an auditor and counts it', () => {
    const state = given(auditedReadDecider, [], { actor: AUDITOR })
      .when(read)
      .then([recorded(read)]);
    expect(state).toEqual({ reads: 1 });
  });

  it('records every read, also a repeated one', () => {
    const asOfRead: RecordAuditedRead = { what: 'employee_absences', absenceId: null, employeeId: 'emp-eva', asOf: '2026-03-01T00:00:00.000Z' };
    const state = given(auditedReadDecider, [recorded(read), recorded(read)], { actor: AUDITOR })
      .when(asOfRead)
      .then([recorded(asOfRead)]);
    expect(state).toEqual({ reads: 3 });
  });

  it('keeps one stream per auditor', () => {
    expect(auditedReadsStreamId('aud-1')).toBe('audited-reads-aud-1');
  });
});
