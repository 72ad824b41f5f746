import type { Actor } from './actor';

/** What the ledger knows about an event besides its data; evolve reads it for who/when. */
export interface EventMeta {
  revision: number;
  recordedAt: string;
  actor: Actor;
}

export interface DomainEvent<T extends string = string, D = object> {
  type: T;
  data: D;
}

/**
 * A decider: `decide` turns a command and the current state into new events (or throws a
 * DomainError); `evolve` folds one event into the state. Both are pure; the clock and anything
 * read from other streams arrive in the command's context.
 */
export interface Decider<Command, State, Event extends DomainEvent, Context> {
  initialState: State;
  decide(command: Command, state: State, context: Context): Event[];
  evolve(state: State, event: Event, meta: EventMeta): State;
}

/** The part of a decider that folds events into state. */
export type Evolver<State, Event extends DomainEvent> = Pick<Decider<unknown, State, Event, unknown>, 'initialState' | 'evolve'>;

export function fold<State, Event extends DomainEvent>(
  decider: Evolver<State, Event>,
  events: ReadonlyArray<{ event: Event; meta: EventMeta }>,
): State {
  return events.reduce((s, e) => decider.evolve(s, e.event, e.meta), decider.initialState);
}

/**
 * An event as an event store hands it back: the event, its revision in its stream, and the
 * metadata the ledger wrote with it. (Structural, so the domain depends on no store: the event
 * store's RecordedEvent is one.)
 */
export interface RecordedDomainEvent {
  type: string;
  data: object;
  revision: bigint;
  metadata: { recordedAt: string; actor: Actor };
}

/** What evolve reads of a recorded event besides the event itself: its revision, when and by whom. */
export function metaOf(recorded: Pick<RecordedDomainEvent, 'revision' | 'metadata'>): EventMeta {
  return { revision: Number(recorded.revision), recordedAt: recorded.metadata.recordedAt, actor: recorded.metadata.actor };
}

/**
 * Folds one recorded event into a decider's state. A stream holds only the events its decider
 * decided (its id names the decider: `absence-…`, `employee-…`), so this is the one place a stored
 * event is read as the decider's event union.
 */
export function evolveRecorded<State, Event extends DomainEvent>(decider: Evolver<State, Event>, state: State, recorded: RecordedDomainEvent): State {
  return decider.evolve(state, { type: recorded.type, data: recorded.data } as Event, metaOf(recorded));
}

/** Folds recorded events into the state, from the decider's initial state or from `from` (the state before the first of them). */
export function foldRecorded<State, Event extends DomainEvent>(
  decider: Evolver<State, Event>,
  recorded: readonly RecordedDomainEvent[],
  from: State = decider.initialState,
): State {
  let state = from;
  for (const r of recorded) state = evolveRecorded(decider, state, r);
  return state;
}

/**
 * Narrows a recorded event to one event type of a decider's union by its type name, e.g.
 * `isRecorded<PayrollPeriodLocked>(event, 'PayrollPeriodLocked')`.
 */
export function isRecorded<Event extends DomainEvent, R extends RecordedDomainEvent = RecordedDomainEvent>(
  recorded: R,
  type: Event['type'],
): recorded is R & { type: Event['type']; data: Event['data'] } {
  return recorded.type === type;
}
