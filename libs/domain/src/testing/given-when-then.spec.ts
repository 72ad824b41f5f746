import type { Actor } from '../shared/actor';
import type { Decider, DomainEvent, EventMeta } from '../shared/decider';
import { conflict, DomainError, invalid } from '../shared/errors';
import { DEFAULT_CLOCK, given, recordedBy } from './given-when-then';

/** A toy decider that remembers the meta of every event it folded. */
type Added = DomainEvent<'Added', { amount: number }>;
interface Add {
  amount: number;
}
interface ToyState {
  total: number;
  metas: EventMeta[];
}
const toy: Decider<Add, ToyState, Added, { actor: Actor; now?: Date }> = {
  initialState: { total: 0, metas: [] },
  decide(command, state) {
    if (command.amount < 0) throw invalid('amount', 'must not be negative');
    if (state.total + command.amount > 10) throw conflict('too much', { total: state.total, ids: ['a', 'b'] });
    if (command.amount === 0) throw new TypeError('boom');
    return [{ type: 'Added', data: { amount: command.amount } }];
  },
  evolve: (state, event, meta) => ({ total: state.total + event.data.amount, metas: [...state.metas, meta] }),
};

const ME: Actor = { sub: 'me', roles: ['hr'] };
const YOU: Actor = { sub: 'you', roles: ['manager'] };
const NOW = new Date('2026-03-10T08:00:00Z');
const added = (amount: number): Added => ({ type: 'Added', data: { amount } });

describe('given/when/then harness', () => {
  it('folds the given events with revision, recordedAt (a minute apart, before now) and actor', () => {
    const scenario = given(toy, [added(1), recordedBy(YOU, added(2)), recordedBy(YOU, added(3), '2026-01-01T00:00:00.000Z')], {
      actor: ME,
      now: NOW,
    });
    expect(scenario.state.total).toBe(6);
    expect(scenario.state.metas).toEqual([
      { revision: 0, recordedAt: '2026-03-10T07:57:00.000Z', actor: ME },
      { revision: 1, recordedAt: '2026-03-10T07:58:00.000Z', actor: YOU },
      { revision: 2, recordedAt: '2026-01-01T00:00:00.000Z', actor: YOU },
    ]);
    expect(scenario.history.map((h) => h.event)).toEqual([added(1), added(2), added(3)]);
  });

  it('uses a fixed clock when the context has none', () => {
    const { state } = given(toy, [added(1)], { actor: ME });
    expect(state.metas[0].recordedAt).toBe(new Date(DEFAULT_CLOCK.getTime() - 60_000).toISOString());
  });

  it('then() returns the state after the new events, recorded now by the acting user at the next revision', () => {
    const state = given(toy, [added(1)], { actor: ME, now: NOW })
      .when({ amount: 2 })
      .then([added(2)]);
    expect(state.total).toBe(3);
    expect(state.metas[1]).toEqual({ revision: 1, recordedAt: NOW.toISOString(), actor: ME });
  });

  it('then() fails on other events, and when decide threw', () => {
    const outcome = given(toy, [], { actor: ME }).when({ amount: 2 });
    expect(() => outcome.then([added(3)])).toThrow();
    expect(() => outcome.then([])).toThrow();
    expect(() => given(toy, [], { actor: ME }).when({ amount: 11 }).then([])).toThrow(/decide threw: conflict: too much/);
  });

  it('thenThrows() checks the kind, the message, the field and the details', () => {
    const outcome = given(toy, [added(5)], { actor: ME }).when({ amount: 6 });
    const error = outcome.thenThrows('conflict', /too much/, { details: { ids: ['a', 'b'] } });
    expect(error).toBeInstanceOf(DomainError);
    outcome.thenThrows('conflict', 'too');
    outcome.thenThrows('conflict', undefined, { details: { total: 5 } });
    expect(() => outcome.thenThrows('rule')).toThrow(/expected kind rule, got conflict/);
    expect(() => outcome.thenThrows('conflict', /little/)).toThrow();
    expect(() => outcome.thenThrows('conflict', 'little')).toThrow();
    expect(() => outcome.thenThrows('conflict', undefined, { details: { ids: ['a'] } })).toThrow();

    const invalidOutcome = given(toy, [], { actor: ME }).when({ amount: -1 });
    invalidOutcome.thenThrows('validation', /amount/, { field: 'amount' });
    expect(() => invalidOutcome.thenThrows('validation', undefined, { field: 'total' })).toThrow(/field total/);
  });

  it('thenThrows() fails when decide succeeded or threw something else than a DomainError', () => {
    expect(() => given(toy, [], { actor: ME }).when({ amount: 1 }).thenThrows('conflict')).toThrow(/decide returned/);
    expect(() => given(toy, [], { actor: ME }).when({ amount: 0 }).thenThrows('conflict')).toThrow(/expected a DomainError, got TypeError: boom/);
  });
});
