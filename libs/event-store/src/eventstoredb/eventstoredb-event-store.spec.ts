import { ANY, NO_STREAM, ResolvedEvent, START, STREAM_EXISTS, WrongExpectedVersionError } from '@eventstore/db-client';
import { DuplicateEventIdError, RecordedEvent, WrongExpectedRevisionError } from '../event-store.port';
import { eventStoreContract, newEvent } from '../testing/event-store.contract';
import {
  EVENT_ID_CLAIM_TYPE,
  EventStoreDbEventStore,
  NO_POSITION,
  SubscriptionBuffer,
  claimStreamFor,
  commitOf,
  commitPositionOf,
  fromEsdbCurrentRevision,
  isAfter,
  isSystemEvent,
  isVisible,
  matchReplay,
  reconnectDelay,
  toEsdbExpectedRevision,
  toReadPosition,
  toRecordedEvent,
  toVisibleEvent,
  toWrongExpectedRevisionError,
} from './eventstoredb-event-store';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  // Runs for real against the server named by the environment; no server is faked here.
  eventStoreContract('EventStoreDB', async () => {
    const store = new EventStoreDbEventStore(connectionString);
    return { store, cleanup: () => store.close() };
  });
} else {
  describe('event-store contract: EventStoreDB', () => {
    it('is SKIPPED because EVENTSTORE_CONNECTION_STRING is not set (no EventStoreDB server to run it against)', () => {
      console.warn('EventStoreDB contract suite SKIPPED: EVENTSTORE_CONNECTION_STRING is not set');
    });
  });
}

function resolved(
  overrides: Partial<{
    streamId: string;
    id: string;
    revision: bigint;
    type: string;
    data: unknown;
    metadata: unknown;
    position: { commit: bigint; prepare: bigint } | undefined;
    commitPosition: bigint | undefined;
  }> = {},
): ResolvedEvent {
  const position = 'position' in overrides ? overrides.position : { commit: 500n, prepare: 500n };
  const event = {
    streamId: overrides.streamId ?? 'absence-1',
    id: overrides.id ?? '6f1c4a44-0000-4000-8000-000000000001',
    revision: overrides.revision ?? 3n,
    type: overrides.type ?? 'AbsenceReported',
    data: overrides.data ?? { days: 2 },
    metadata: overrides.metadata ?? { recordedAt: '2024-01-01T00:00:00.000Z', actor: { sub: 'a', roles: [] }, prevHash: '', hash: 'h' },
    isJson: true,
    created: new Date(0),
    position,
  };
  return { event, commitPosition: overrides.commitPosition } as ResolvedEvent;
}

function recorded(id: string, revision: bigint, type = 'TestHappened'): RecordedEvent {
  const { data, metadata } = newEvent(type);
  return { streamId: 's-1', revision, position: 1000n + revision, id, type, data, metadata };
}

describe('EventStoreDB adapter mappings (no server needed)', () => {
  it('maps each expected revision to the client constant or the bigint', () => {
    expect(toEsdbExpectedRevision('no_stream')).toBe(NO_STREAM);
    expect(toEsdbExpectedRevision('stream_exists')).toBe(STREAM_EXISTS);
    expect(toEsdbExpectedRevision('any')).toBe(ANY);
    expect(toEsdbExpectedRevision(0n)).toBe(0n);
    expect(toEsdbExpectedRevision(41n)).toBe(41n);
    expect(() => toEsdbExpectedRevision(-1n)).toThrow();
  });

  it("maps the client's WrongExpectedVersionError to the port's error with the actual revision", () => {
    const withActual = new WrongExpectedVersionError(undefined, { streamName: 's-1', expected: 0n, current: 4n });
    const mapped = toWrongExpectedRevisionError('s-1', 0n, withActual);
    expect(mapped).toBeInstanceOf(WrongExpectedRevisionError);
    expect([mapped.streamId, mapped.expected, mapped.actual]).toEqual(['s-1', 0n, 4n]);
    const missing = new WrongExpectedVersionError(undefined, { streamName: 's-1', expected: STREAM_EXISTS, current: NO_STREAM });
    expect(toWrongExpectedRevisionError('s-1', 'stream_exists', missing).actual).toBe('no_stream');
    expect(fromEsdbCurrentRevision(undefined)).toBe('no_stream');
    expect(fromEsdbCurrentRevision(0n)).toBe(0n);
  });

  it('turns a commit position into a start position {commit, prepare} = {after, after}, or START', () => {
    expect(toReadPosition(undefined)).toBe(START);
    expect(toReadPosition(1234n)).toEqual({ commit: 1234n, prepare: 1234n });
    expect(isAfter(10n, undefined)).toBe(true);
    expect(isAfter(10n, 10n)).toBe(false);
    expect(isAfter(11n, 10n)).toBe(true);
    expect(isAfter(9n, 10n)).toBe(false);
  });

  it('takes the commit half of a position and treats 2^64-1 as no position', () => {
    expect(commitOf({ commit: 77n, prepare: 70n })).toBe(77n);
    expect(commitOf({ commit: NO_POSITION, prepare: NO_POSITION })).toBeUndefined();
    expect(commitOf(undefined)).toBeUndefined();
    expect(commitPositionOf(resolved({ position: { commit: 900n, prepare: 880n } }))).toBe(900n);
    expect(commitPositionOf(resolved({ position: undefined, commitPosition: 901n }))).toBe(901n);
    expect(commitPositionOf(resolved({ position: { commit: NO_POSITION, prepare: NO_POSITION }, commitPosition: NO_POSITION }))).toBeUndefined();
  });

  it('excludes system events and, when given, streams outside the prefixes', () => {
    expect(isSystemEvent('$stats-127.0.0.1:2113', 'StatsCollected')).toBe(true);
    expect(isSystemEvent('absence-1', '$metadata')).toBe(true);
    expect(isSystemEvent(claimStreamFor('ABC'), EVENT_ID_CLAIM_TYPE)).toBe(true);
    for (const stream of ['absence-1', 'employee-7', 'department-2', 'payroll-period-2024-05', 'observations-3', 'contract-x', 's-4']) {
      expect(isVisible(stream, 'Something')).toBe(true);
    }
    expect(isVisible('absence-1', 'A', ['absence-', 'employee-'])).toBe(true);
    expect(isVisible('contract-1', 'A', ['absence-', 'employee-'])).toBe(false);
    expect(isVisible('absence-1', '$>', ['absence-'])).toBe(false);
    expect(claimStreamFor('ABC-def')).toBe('ledger-event-id-abc-def');
  });

  it('maps a resolved event to a RecordedEvent with its commit position and JSON data/metadata', () => {
    const r = toRecordedEvent(resolved({ position: { commit: 500n, prepare: 480n } }));
    expect(r).toEqual({
      streamId: 'absence-1',
      revision: 3n,
      position: 500n,
      id: '6f1c4a44-0000-4000-8000-000000000001',
      type: 'AbsenceReported',
      data: { days: 2 },
      metadata: { recordedAt: '2024-01-01T00:00:00.000Z', actor: { sub: 'a', roles: [] }, prevHash: '', hash: 'h' },
    });
    const binary = toRecordedEvent(resolved({ data: new Uint8Array(Buffer.from('{"x":1}')) }));
    expect(binary?.data).toEqual({ x: 1 });
    expect(toRecordedEvent({ event: undefined, commitPosition: 5n })).toBeUndefined();
    expect(() => toRecordedEvent(resolved({ position: undefined }))).toThrow(/22\.6/);
    expect(() => toRecordedEvent(resolved({ data: 'not an object' }))).toThrow(/not a JSON ledger event/);
  });

  it('skips invisible and non-JSON events when reading $all', () => {
    expect(toVisibleEvent(resolved())?.type).toBe('AbsenceReported');
    expect(toVisibleEvent(resolved({ type: '$metadata' }))).toBeUndefined();
    expect(toVisibleEvent(resolved({ data: new Uint8Array([0xff, 0x00]) }))).toBeUndefined();
    expect(toVisibleEvent(resolved(), ['employee-'])).toBeUndefined();
  });

  it('recognises a complete replay and rejects a partial one or one at other revisions', () => {
    const a = newEvent('A', {}, 'AAAAAAAA-0000-4000-8000-000000000001');
    const b = newEvent('B', {}, 'aaaaaaaa-0000-4000-8000-000000000002');
    const key = (id: string) => id.toLowerCase();
    expect(matchReplay([a, b], new Map())).toBeUndefined();
    const full = new Map([
      [key(a.id), recorded(a.id, 4n, 'A')],
      [key(b.id), recorded(b.id, 5n, 'B')],
    ]);
    expect(matchReplay([a, b], full)).toEqual({ nextRevision: 5n, position: 1005n });
    expect(() => matchReplay([a, b], new Map([[key(b.id), recorded(b.id, 5n, 'B')]]))).toThrow(DuplicateEventIdError);
    expect(() => matchReplay([a, b], new Map([[key(a.id), recorded(a.id, 4n, 'A')]]))).toThrow(DuplicateEventIdError);
    const gap = new Map([
      [key(a.id), recorded(a.id, 4n, 'A')],
      [key(b.id), recorded(b.id, 7n, 'B')],
    ]);
    expect(() => matchReplay([a, b], gap)).toThrow(DuplicateEventIdError);
    const otherType = new Map([[key(a.id), recorded(a.id, 4n, 'Other')]]);
    expect(() => matchReplay([a], otherType)).toThrow(DuplicateEventIdError);
  });

  it('keeps a caught-up or checkpoint marker behind the events still buffered in the stream', () => {
    const buffer = new SubscriptionBuffer<string>();
    buffer.pushEvent('e1');
    buffer.pushMarker({ kind: 'caughtUp' }, 2); // e2 and e3 were pushed before caughtUp but not yet read
    buffer.pushMarker({ kind: 'checkpoint', position: { commit: 9n, prepare: 0n } }, 2);
    expect(buffer.takeEvents(10)).toEqual(['e1']);
    expect(buffer.takeMarker()).toBeUndefined();
    buffer.pushEvent('e2');
    expect(buffer.nextKind).toBe('event');
    buffer.pushEvent('e3');
    buffer.pushEvent('e4');
    expect(buffer.takeEvents(10)).toEqual(['e2', 'e3']);
    expect(buffer.takeMarker()).toEqual({ kind: 'caughtUp' });
    expect(buffer.takeMarker()).toEqual({ kind: 'checkpoint', position: { commit: 9n, prepare: 0n } });
    expect(buffer.takeEvents(1)).toEqual(['e4']);
    expect(buffer.isEmpty).toBe(true);
    buffer.pushMarker({ kind: 'fellBehind' }, 0);
    expect(buffer.takeMarker()).toEqual({ kind: 'fellBehind' });
  });

  it('backs off reconnects from 100 ms doubling up to 5 s', () => {
    expect([0, 1, 2, 3, 10].map(reconnectDelay)).toEqual([100, 200, 400, 800, 5000]);
  });
});
