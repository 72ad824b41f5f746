import { Inject, Injectable } from '@nestjs/common';
import { Actor, Decider, DomainEvent, conflict, foldRecorded } from '@ledger/domain';
import {
  EVENT_STORE,
  EventStore,
  EventToAppend,
  RecordedEvent,
  WrongExpectedRevisionError,
  canonicalJson,
  chainEvents,
  sha256Hex,
  tailOf,
} from '@ledger/event-store';
import { PERSONAL_DATA_CIPHER, PersonalDataCipher, hasPersonalFields, prepareKeys, sealEventData } from '@ledger/personal-data';
import { v5 as uuidv5 } from 'uuid';
import { CLOCK, Clock } from './clock';
import { CommandMetrics } from '../metrics/command-metrics';

/** Namespace for deterministic event ids derived from client ids and Idempotency-Keys. */
const EVENT_ID_NAMESPACE = '6f1e0a3c-3b0e-4a57-9a7e-6c1b2f0d9e41';
const MAX_ATTEMPTS = 4;

export interface CommandRun<C, S, E extends DomainEvent, Ctx> {
  /** Name for metrics and logs, e.g. 'attest_absence'. */
  name: string;
  streamId: string;
  decider: Decider<C, S, E, Ctx>;
  command: C;
  actor: Actor;
  /** Builds the decider's context from the current state (reads of other streams go here). */
  context(state: S, now: Date): Promise<Ctx>;
  /** A client-chosen id or Idempotency-Key: the same key with the same body answers the original result. */
  idempotencyKey?: string;
  /** The request body the key is bound to. */
  request?: unknown;
  /**
   * Throws when the actor may not run the command on the state (the decider's own check). A replay
   * runs it before it answers, so a replay is authorised like a new command, whatever the body.
   */
  authorize?(state: S, context: Ctx): void;
}

export interface CommandOutcome<S> {
  /** Stream revision after the command (0-based). */
  version: number;
  /** Global position of the last event written (or of the stream's last event when nothing was written). */
  position: bigint;
  /** True when this was a replay of an earlier command with the same key and body. */
  replayed: boolean;
  /** True when the command wrote events. */
  wrote: boolean;
  state: S;
}

/**
 * Runs a command: load the stream, decide, append with the exact expected revision, and retry a
 * bounded number of times on a concurrent write. Events get the per-stream hash chain, the actor
 * and the clock's time; their ids are derived from the idempotency key when there is one.
 */
@Injectable()
export class CommandPipeline {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: CommandMetrics,
    @Inject(PERSONAL_DATA_CIPHER) private readonly cipher: PersonalDataCipher,
  ) {}

  async run<C, S, E extends DomainEvent, Ctx>(run: CommandRun<C, S, E, Ctx>): Promise<CommandOutcome<S>> {
    const stop = this.metrics.start(run.name);
    try {
      const outcome = await this.attempt(run);
      stop(outcome.replayed ? 'replayed' : 'ok');
      return outcome;
    } catch (error) {
      stop('refused');
      throw error;
    }
  }

  private async attempt<C, S, E extends DomainEvent, Ctx>(run: CommandRun<C, S, E, Ctx>): Promise<CommandOutcome<S>> {
    const requestHash = run.idempotencyKey !== undefined ? sha256Hex(canonicalJson({ name: run.name, request: run.request })) : undefined;
    for (let attempt = 1; ; attempt++) {
      const recorded = await this.events.readStream(run.streamId);
      const state = foldRecorded(run.decider, await revealRecorded(this.cipher, recorded));
      if (run.idempotencyKey !== undefined) {
        const found = findKeyed(recorded, run.idempotencyKey);
        if (found) {
          // Authorised first: whether a body matches (200 or 409) is itself an answer about the case.
          if (run.authorize) run.authorize(state, await run.context(state, this.clock.now()));
          if (found.metadata.requestHash !== requestHash) throw conflict('this idempotency key was already used with another request body');
          return { version: Number(found.revision), position: found.position, state, replayed: true, wrote: false };
        }
      }
      const now = this.clock.now();
      const context = await run.context(state, now);
      const decided = run.decider.decide(run.command, state, context);
      const last = recorded[recorded.length - 1];
      if (decided.length === 0) {
        return { version: last ? Number(last.revision) : -1, position: last?.position ?? 0n, replayed: false, wrote: false, state };
      }
      const subject = personalDataSubject(recorded);
      for (const e of decided) await prepareKeys(this.cipher, e.type, subjectOf(e.data) ?? subject, now);
      const sealed = await Promise.all(
        decided.map((e) => sealEventData(this.cipher, e.type, e.data as Record<string, unknown>, subjectOf(e.data) ?? subject, now)),
      );
      const toAppend = this.chain(run, decided, sealed, last, now, requestHash);
      try {
        const result = await this.events.append(run.streamId, toAppend, last ? last.revision : 'no_stream');
        let next = state;
        toAppend.forEach((e, i) => {
          next = run.decider.evolve(next, decided[i], {
            revision: Number(result.nextRevision) - toAppend.length + 1 + i,
            recordedAt: e.metadata.recordedAt,
            actor: e.metadata.actor,
          });
        });
        return { version: Number(result.nextRevision), position: result.position, replayed: false, wrote: true, state: next };
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError && attempt < MAX_ATTEMPTS) continue;
        if (error instanceof WrongExpectedRevisionError) {
          throw conflict(`${run.streamId} kept changing under this command; reload and try again`);
        }
        throw error;
      }
    }
  }

  private chain<C, S, E extends DomainEvent, Ctx>(
    run: CommandRun<C, S, E, Ctx>,
    decided: E[],
    sealed: Record<string, unknown>[],
    last: RecordedEvent | undefined,
    now: Date,
    requestHash: string | undefined,
  ): EventToAppend[] {
    const events = decided.map((event, i) => ({
      id:
        run.idempotencyKey !== undefined
          ? uuidv5(`${run.streamId}\u0000${run.idempotencyKey}\u0000${i}`, EVENT_ID_NAMESPACE)
          : crypto.randomUUID(),
      type: event.type,
      // The chain covers the stored bytes: personal fields are already sealed here, so it still
      // verifies after a person's key is destroyed.
      data: sealed[i],
    }));
    return chainEvents(run.streamId, tailOf(last), events, {
      recordedAt: now.toISOString(),
      actor: { sub: run.actor.sub, roles: [...run.actor.roles] },
      metadata: run.idempotencyKey !== undefined ? { idempotencyKey: run.idempotencyKey, requestHash } : undefined,
    });
  }
}

/** The employee a stream's personal fields belong to: its first event's `employeeId` (absence, notification and employee streams). */
function personalDataSubject(recorded: readonly RecordedEvent[]): string | undefined {
  return recorded.length > 0 ? subjectOf(recorded[0].data) : undefined;
}

function subjectOf(data: unknown): string | undefined {
  const id = (data as { employeeId?: unknown } | null)?.employeeId;
  return typeof id === 'string' ? id : undefined;
}

/** The events with their personal fields opened, for deciders that compare them (an unchanged name is not written again). */
export async function revealRecorded(cipher: PersonalDataCipher, recorded: RecordedEvent[]): Promise<RecordedEvent[]> {
  if (!recorded.some((r) => hasPersonalFields(r.type))) return recorded;
  return Promise.all(recorded.map(async (r) => (hasPersonalFields(r.type) ? { ...r, data: await cipher.reveal(r.data) } : r)));
}

/** The last event written under this idempotency key, if any. */
function findKeyed(recorded: readonly RecordedEvent[], key: string): RecordedEvent | undefined {
  let found: RecordedEvent | undefined;
  for (const r of recorded) if (r.metadata.idempotencyKey === key) found = r;
  return found;
}
