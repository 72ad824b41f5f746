/**
 * A tiny given/when/then harness for deciders, for specs only.
 *
 *   given(absenceDecider, [reported, attested], context)
 *     .when(command)
 *     .then([expectedEvents]);                 // returns the state the new events lead to
 *
 *   given(absenceDecider, [reported], context)
 *     .when(command)
 *     .thenThrows('conflict', /overlap/, { details: { overlappingAbsenceIds: ['a-2'] } });
 *
 * The given events are folded with `evolve`, each with meta `{ revision: i, recordedAt, actor }`.
 * It asserts with `node:assert` rather than jest's `expect`, so it also compiles in the production
 * build (which includes this file but not the jest types).
 */
import assert from 'node:assert/strict';
import type { Actor } from '../shared/actor';
import type { Decider, DomainEvent, EventMeta } from '../shared/decider';
import { DomainError, DomainErrorKind } from '../shared/errors';

/** A given event with who recorded it and when, when the defaults will not do. */
export interface GivenRecorded<E> {
  event: E;
  meta: Partial<Omit<EventMeta, 'revision'>>;
}
export type GivenEvent<E> = E | GivenRecorded<E>;

/** A given event recorded by `actor` (at `recordedAt`, if given). */
export function recordedBy<E>(actor: Actor, event: E, recordedAt?: string): GivenRecorded<E> {
  return { event, meta: recordedAt === undefined ? { actor } : { actor, recordedAt } };
}

/** Every decider context carries the actor; most also carry the clock. */
export interface HarnessContext {
  actor: Actor;
  now?: Date;
}

/** Used as the clock when the context has none. */
export const DEFAULT_CLOCK = new Date('2026-01-01T00:00:00Z');

export interface Scenario<C, S, E> {
  /** The given events with the meta they were folded with. */
  readonly history: ReadonlyArray<{ event: E; meta: EventMeta }>;
  /** The given events folded with `evolve`. */
  readonly state: S;
  when(command: C): Outcome<S, E>;
}

export interface ExpectedFailure {
  /** The single field the error names (`DomainError.errors[].field`). */
  field?: string;
  /** Entries that `DomainError.details` must hold (deep-equal per key; other keys are ignored). */
  details?: Record<string, unknown>;
}

export interface Outcome<S, E> {
  /** Asserts the decided events (deep, strict) and returns the state they lead to. */
  then(expected: readonly E[]): S;
  /** Asserts that decide refused with this kind (and message, field, details); returns the error. */
  thenThrows(kind: DomainErrorKind, message?: RegExp | string, expected?: ExpectedFailure): DomainError;
}

type Result<E> = { ok: true; events: E[] } | { ok: false; error: unknown };

export function given<C, S, E extends DomainEvent, X extends HarnessContext>(
  decider: Decider<C, S, E, X>,
  events: ReadonlyArray<GivenEvent<E>>,
  context: X,
): Scenario<C, S, E> {
  const clock = context.now ?? DEFAULT_CLOCK;
  const history = events.map((given, i) => {
    const { event, meta } = isRecorded(given) ? given : { event: given, meta: {} };
    // Given events happened before the command: one minute apart, the last one a minute before now.
    const recordedAt = meta.recordedAt ?? new Date(clock.getTime() - (events.length - i) * 60_000).toISOString();
    return { event, meta: { revision: i, recordedAt, actor: meta.actor ?? context.actor } };
  });
  const state = history.reduce((s, e) => decider.evolve(s, e.event, e.meta), decider.initialState);

  return {
    history,
    state,
    when(command) {
      let result: Result<E>;
      try {
        result = { ok: true, events: decider.decide(command, state, context) };
      } catch (error) {
        result = { ok: false, error };
      }
      return outcome(decider, state, history.length, context, clock, result);
    },
  };
}

function outcome<C, S, E extends DomainEvent, X extends HarnessContext>(
  decider: Decider<C, S, E, X>,
  state: S,
  nextRevision: number,
  context: X,
  clock: Date,
  result: Result<E>,
): Outcome<S, E> {
  return {
    then(expected) {
      if (typeof expected === 'function') throw new Error('an Outcome is not a promise: do not await it, call .then([events])');
      if (!result.ok) throw withCause(`expected events, but decide threw: ${describeError(result.error)}`, result.error);
      assert.deepStrictEqual(result.events, expected);
      return result.events.reduce(
        (s, event, i) =>
          decider.evolve(s, event, { revision: nextRevision + i, recordedAt: clock.toISOString(), actor: context.actor }),
        state,
      );
    },
    thenThrows(kind, message, expected = {}) {
      if (result.ok) assert.fail(`expected a ${kind} DomainError, but decide returned ${JSON.stringify(result.events)}`);
      const error = result.error;
      if (!(error instanceof DomainError)) throw withCause(`expected a DomainError, got ${describeError(error)}`, error);
      assert.equal(error.kind, kind, `expected kind ${kind}, got ${error.kind}: ${error.message}`);
      if (typeof message === 'string') assert.ok(error.message.includes(message), `"${error.message}" does not contain "${message}"`);
      else if (message) assert.match(error.message, message);
      if (expected.field !== undefined) {
        assert.deepStrictEqual(
          error.errors.map((e) => e.field),
          [expected.field],
          `expected the error to name field ${expected.field}: ${error.message}`,
        );
      }
      for (const [key, value] of Object.entries(expected.details ?? {})) {
        assert.deepStrictEqual(error.details[key], value, `details.${key} of "${error.message}"`);
      }
      return error;
    },
  };
}

function isRecorded<E>(e: GivenEvent<E>): e is GivenRecorded<E> {
  return typeof e === 'object' && e !== null && 'event' in e && 'meta' in e;
}

function describeError(error: unknown): string {
  return error instanceof DomainError ? `${error.kind}: ${error.message}` : String(error);
}

function withCause(message: string, cause: unknown): Error {
  return new Error(message, { cause });
}
