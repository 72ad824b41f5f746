import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
  HealthDataRead,
  RecordHealthDataRead,
  healthDataReadDecider,
  healthDataReadsStreamId,
  stockholmDateOf,
} from '@ledger/domain';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { CommandPipeline } from './command-pipeline';

/** One recorded read of a person's health data. */
export interface AccessLogEntry {
  /** When it was read (ISO 8601 UTC). */
  at: string;
  reader: { sub: string; roles: string[] };
  what: RecordHealthDataRead['what'];
  absenceId: string | null;
  departmentId: string | null;
  asOf: string | null;
}

/** The longest span one access-log query covers, in months. */
export const ACCESS_LOG_MAX_MONTHS = 120;

/**
 * The access log: every read of someone else's health data, whoever reads (any roles), recorded as
 * an event in the person's stream for that month before the data is answered. A read of one's own
 * data is not recorded.
 *
 * `entriesOf` is the reader for the person's own copy (registerutdrag) and the auditor's route.
 */
@Injectable()
export class AccessLog {
  constructor(
    private readonly pipeline: CommandPipeline,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  /** Records that `actor` read the health data of each of `employeeIds` (itself left out, each person once). */
  async record(actor: Actor, employeeIds: Iterable<string>, read: Omit<RecordHealthDataRead, 'employeeId'>): Promise<void> {
    const month = stockholmDateOf(new Date()).slice(0, 7);
    const subjects = [...new Set(employeeIds)].filter((id) => id !== actor.sub);
    await Promise.all(
      subjects.map((employeeId) =>
        this.pipeline.run({
          name: 'record_health_data_read',
          streamId: healthDataReadsStreamId(employeeId, month),
          decider: healthDataReadDecider,
          command: { ...read, employeeId },
          actor,
          context: async () => ({ actor }),
        }),
      ),
    );
  }

  /** Who read the person's health data between `from` and `to` (dates, inclusive, Stockholm months), oldest first. */
  async entriesOf(employeeId: string, from: string, to: string): Promise<AccessLogEntry[]> {
    const out: AccessLogEntry[] = [];
    for (const month of monthsBetween(from.slice(0, 7), to.slice(0, 7))) {
      for (const e of await this.events.readStream(healthDataReadsStreamId(employeeId, month))) {
        if (e.type !== 'HealthDataRead') continue;
        const data = e.data as unknown as HealthDataRead['data'];
        const day = stockholmDateOf(new Date(e.metadata.recordedAt));
        if (data.employeeId !== employeeId || day < from || day > to) continue;
        out.push({ at: e.metadata.recordedAt, reader: data.reader, what: data.what, absenceId: data.absenceId, departmentId: data.departmentId, asOf: data.asOf });
      }
    }
    return out;
  }
}

function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while ((y < ty || (y === ty && m <= tm)) && out.length < ACCESS_LOG_MAX_MONTHS) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}
