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

export function fold<State, Event extends DomainEvent>(
  decider: Pick<Decider<unknown, State, Event, unknown>, 'initialState' | 'evolve'>,
  events: ReadonlyArray<{ event: Event; meta: EventMeta }>,
): State {
  return events.reduce((s, e) => decider.evolve(s, e.event, e.meta), decider.initialState);
}
