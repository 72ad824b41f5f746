import { hash } from 'node:crypto';
import type { Actor, EventToAppend, RecordedEvent } from './event-store.port';

/**
 * The per-stream hash chain that lets an auditor verify nothing was altered:
 * hash = sha256(prevHash + canonical(event)), where the canonical event is its stream, revision,
 * id, type, data, recordedAt and actor as JSON with keys sorted at every depth.
 */
export interface ChainedEventContent {
  streamId: string;
  revision: bigint;
  id: string;
  type: string;
  data: unknown;
  recordedAt: string;
  actor: Actor;
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'string') return JSON.stringify(value);
    if (typeof value === 'bigint') return JSON.stringify(value.toString());
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  // Loops rather than map/filter/join: verify runs this for every event of the log.
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = record[k];
    if (v === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(k)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${out}}`;
}

/**
 * sha256 of the UTF-8 text, as hex. The one-shot `crypto.hash` (Node ≥ 20.12) is faster than
 * createHash().update().digest() for texts of this size (docs/BENCHMARKS.md, "Performance work").
 */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

export function chainHash(prevHash: string, content: ChainedEventContent): string {
  return sha256Hex(
    prevHash +
      canonicalJson({
        streamId: content.streamId,
        revision: content.revision.toString(),
        id: content.id,
        type: content.type,
        data: content.data,
        recordedAt: content.recordedAt,
        actor: content.actor,
      }),
  );
}

/** Where a stream's chain stands: its last revision and that event's hash (none for a new stream). */
export interface ChainTail {
  revision: bigint;
  hash: string;
}

/** The tail of a stream read from the store, for {@link chainEvents}. */
export function tailOf(last: RecordedEvent | undefined): ChainTail | undefined {
  return last === undefined ? undefined : { revision: last.revision, hash: last.metadata.hash };
}

/**
 * Chains new events onto a stream: each gets the next revision's hash over the previous event's,
 * with the same recordedAt and actor, and `metadata` besides (an idempotency key, say). This is
 * what the command pipeline appends, and what tests use to seed a store with valid chains.
 */
export function chainEvents(
  streamId: string,
  tail: ChainTail | undefined,
  events: ReadonlyArray<{ id: string; type: string; data: Record<string, unknown> }>,
  recorded: { recordedAt: string; actor: Actor; metadata?: Record<string, unknown> },
): EventToAppend[] {
  let prevHash = tail?.hash ?? '';
  let revision = tail?.revision ?? -1n;
  const { recordedAt, actor } = recorded;
  return events.map(({ id, type, data }) => {
    revision += 1n;
    const hash = chainHash(prevHash, { streamId, revision, id, type, data, recordedAt, actor });
    const metadata = { recordedAt, actor, prevHash, hash, ...recorded.metadata };
    prevHash = hash;
    return { id, type, data, metadata };
  });
}

export interface ChainFailure {
  streamId: string;
  version: number;
  reason: string;
}

/** Recomputes one stream's chain; returns the first failures found (empty when intact). */
export function verifyChain(events: readonly RecordedEvent[]): ChainFailure[] {
  const failures: ChainFailure[] = [];
  let prevHash = '';
  let expectedRevision = 0n;
  for (const e of events) {
    const version = Number(e.revision);
    if (e.revision !== expectedRevision) {
      failures.push({ streamId: e.streamId, version, reason: `revision gap: expected ${expectedRevision}` });
    }
    if (e.metadata.prevHash !== prevHash) {
      failures.push({ streamId: e.streamId, version, reason: 'prevHash does not match the previous event' });
    }
    const recomputed = chainHash(e.metadata.prevHash ?? '', {
      streamId: e.streamId,
      revision: e.revision,
      id: e.id,
      type: e.type,
      data: e.data,
      recordedAt: e.metadata.recordedAt,
      actor: e.metadata.actor,
    });
    if (recomputed !== e.metadata.hash) {
      failures.push({ streamId: e.streamId, version, reason: 'hash does not match the event content' });
    }
    prevHash = e.metadata.hash;
    expectedRevision = e.revision + 1n;
  }
  return failures;
}
