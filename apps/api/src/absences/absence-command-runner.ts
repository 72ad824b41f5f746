import { Inject, Injectable } from '@nestjs/common';
import {
  AbsenceCommand,
  AbsenceContext,
  AbsenceEvent,
  AbsenceState,
  Actor,
  absenceDecider,
  absenceStreamId,
  authorizeAbsenceCommand,
  foldRecorded,
} from '@ledger/domain';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { CommandOutcome, CommandPipeline, EmployeeAbsenceIndex, MasterDataReader } from '@ledger/ledger';

export interface AbsenceCommandRequest {
  name: string;
  absenceId: string;
  command: AbsenceCommand;
  actor: Actor;
  idempotencyKey?: string;
  request?: unknown;
}

/**
 * Runs any command on an absence case: one at a time per employee, with the context the absence
 * rules need (employment history, the managers of the departments involved, the employee's other
 * active absences).
 */
@Injectable()
export class AbsenceCommandRunner {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly masterData: MasterDataReader,
    private readonly absenceIndex: EmployeeAbsenceIndex,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async run(req: AbsenceCommandRequest): Promise<CommandOutcome<AbsenceState>> {
    const streamId = absenceStreamId(req.absenceId);
    // The case's own employee once it exists (a replayed report is judged by the case, not the body).
    const existing = foldRecorded(absenceDecider, await this.events.readStream(streamId, { maxCount: 1 })).employeeId;
    const employeeId = existing || (req.command.kind === 'report' ? req.command.employeeId : '');
    const outcome = await this.absenceIndex.exclusive(employeeId || `unknown:${req.absenceId}`, () =>
      this.pipeline.run<AbsenceCommand, AbsenceState, AbsenceEvent, AbsenceContext>({
        name: req.name,
        streamId,
        decider: absenceDecider,
        command: req.command,
        actor: req.actor,
        idempotencyKey: req.idempotencyKey,
        request: req.request,
        authorize: (state, context) => authorizeAbsenceCommand(req.command, state, context),
        context: async (state, now) => {
          const employee = employeeId ? await this.masterData.employee(employeeId) : undefined;
          const employments = employee?.exists ? employee.employments : undefined;
          const current = employments?.[employments.length - 1]?.departmentId;
          const needsOverlap = req.command.kind === 'report' || req.command.kind === 'correct';
          const needsAttester = req.command.kind === 'attest' || req.command.kind === 'reject';
          return {
            now,
            actor: req.actor,
            employments,
            managersByDepartment: await this.masterData.managersOf([state.departmentId, current, ...(employments ?? []).map((e) => e.departmentId)]),
            otherActiveAbsences: needsOverlap && employments ? await this.absenceIndex.activeAbsencesOf(employeeId) : [],
            attestingChain: needsAttester && state.exists ? await this.masterData.chain(state.departmentId) : undefined,
          };
        },
      }),
    );
    if (outcome.wrote) this.absenceIndex.noteWrite(employeeId, outcome.position);
    return outcome;
  }
}
