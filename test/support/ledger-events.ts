/**
 * Hand-built ledger events for tests that seed an event store directly (the reminder scan, the
 * projector kill test): real event types and data shapes, hash-chained per stream by the
 * event-store library's chainEvents (as the command pipeline writes them), with the recordedAt the
 * test chooses.
 */
import { randomUUID } from 'node:crypto';
import type { ChainTail, EventStore } from '@ledger/event-store';
import { chainEvents } from '@ledger/event-store';

export interface SeedActor {
  sub: string;
  roles: string[];
}

const HR: SeedActor = { sub: 'hr-seed', roles: ['hr'] };

/** Appends events to streams, keeping each stream's revision and hash chain. */
export class LedgerSeeder {
  private readonly streams = new Map<string, ChainTail>();
  /** Events appended so far, by type. */
  readonly counts = new Map<string, number>();
  lastPosition = 0n;

  constructor(
    private readonly events: EventStore,
    private recordedAt = '2026-01-01T08:00:00.000Z',
  ) {}

  at(recordedAt: string): this {
    this.recordedAt = recordedAt;
    return this;
  }

  async append(streamId: string, type: string, data: Record<string, unknown>, actor: SeedActor = HR): Promise<bigint> {
    const last = this.streams.get(streamId);
    const [event] = chainEvents(streamId, last, [{ id: randomUUID(), type, data }], { recordedAt: this.recordedAt, actor });
    const result = await this.events.append(streamId, [event], last ? last.revision : 'no_stream');
    this.streams.set(streamId, { revision: last ? last.revision + 1n : 0n, hash: event.metadata.hash });
    this.counts.set(type, (this.counts.get(type) ?? 0) + 1);
    this.lastPosition = result.position;
    return result.position;
  }

  department(departmentId: string, managerIds: string[]): Promise<bigint> {
    return this.append(`department-${departmentId}`, 'DepartmentDefined', { departmentId, name: `Dept ${departmentId}`, managerIds });
  }

  employee(employeeId: string, departmentId: string, effectiveFrom = '2020-01-01'): Promise<bigint> {
    return this.append(`employee-${employeeId}`, 'EmploymentRecorded', {
      employeeId,
      gender: 'female',
      birthYear: 1980,
      personalIdentityNumber: null,
      effectiveFrom,
      departmentId,
      employmentPercent: 100,
      weeklyHours: 40,
    });
  }

  /** Reports an absence; returns its id. */
  async report(
    employeeId: string,
    departmentId: string,
    type: string,
    from: string,
    to: string | null,
    absenceId: string = randomUUID(),
  ): Promise<string> {
    await this.append(
      `absence-${absenceId}`,
      'AbsenceReported',
      { absenceId, employeeId, departmentId, type, from, to, extentPercent: 100, channel: 'web', comment: null },
      { sub: employeeId, roles: ['employee'] },
    );
    return absenceId;
  }

  /** Attests the case at its current revision. */
  attest(absenceId: string, manager: string): Promise<bigint> {
    const current = this.streams.get(`absence-${absenceId}`);
    if (!current) throw new Error(`no case ${absenceId}`);
    return this.append(`absence-${absenceId}`, 'AbsenceAttested', { attestedVersion: Number(current.revision) }, { sub: manager, roles: ['manager'] });
  }

  certificate(absenceId: string, from: string, to: string): Promise<bigint> {
    return this.append(`absence-${absenceId}`, 'MedicalCertificateRegistered', { from, to, extentPercent: 100 });
  }

  /** What a time clock, a schedule or a manager saw of the employee on a day. */
  observation(employeeId: string, date: string, kind: 'absent' | 'present', source = 'timeclock'): Promise<bigint> {
    return this.append(`observations-${employeeId}`, 'ObservationRecorded', { employeeId, date, kind, source, note: null }, { sub: 'timeclock-sync', roles: ['integration'] });
  }

  returned(absenceId: string, lastDay: string, employeeId: string): Promise<bigint> {
    return this.append(`absence-${absenceId}`, 'ReturnReported', { lastDay }, { sub: employeeId, roles: ['employee'] });
  }
}
