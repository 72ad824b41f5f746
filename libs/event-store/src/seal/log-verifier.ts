import type { EventStore, RecordedEvent } from '../event-store.port';
import { chainHash } from '../hash-chain';
import { GENESIS_LINK, eventMac, nextLink } from './seal-chain';
import type { SealKey } from './seal-key';
import type { SealRow, SealStore } from './seal-store';

/** One thing verify found wrong, located as precisely as the evidence allows. */
export interface IntegrityFailure {
  streamId: string | null;
  version: number | null;
  position: string | null;
  reason: string;
}

export interface LogVerification {
  streamsChecked: number;
  eventsChecked: number;
  ok: boolean;
  failures: IntegrityFailure[];
  /** True when more failures were found than are listed. */
  failuresTruncated: boolean;
  /** Position of the last event of the log that verify checked. */
  headPosition: string | null;
  /** Position of the last event sealed when verify started; events after it are checked by their stream chain only. */
  sealedThrough: string | null;
  /** Events after the seal's head (appended in the last moments, not sealed yet). */
  unsealedEvents: number;
}

export interface VerifyLogOptions {
  /** Check the log up to this position only (a digest's); the whole log when left out. */
  upTo?: bigint;
  batchSize?: number;
  maxFailures?: number;
  /** Called between batches; the default gives the event loop a turn (setImmediate). */
  pause?: () => Promise<void>;
}

export interface LogVerificationDetail extends LogVerification {
  /** Position of the last event read (≤ upTo) and the seal chain recomputed from the log up to it. */
  lastPosition: bigint | undefined;
  logLink: Buffer;
}

const STREAM_CACHE = 20_000;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Verifies the whole log against its seal in one pass, in bounded memory: the log and the seal
 * rows are read side by side in position order, a batch at a time (merge join), and the event loop
 * gets a turn between batches.
 *
 * - every event: its stream-chain hash recomputed from its content; its seal MAC recomputed and
 *   compared with the row sealed at its position (a changed byte, a rewrite with recomputed hashes,
 *   a reordering or a replaced event);
 * - a seal row whose event is missing: a deleted event (a stream's last one and whole streams
 *   included) or a gap;
 * - an event inside the sealed range with no seal row: inserted or moved;
 * - the seal rows' own chain of links recomputed (a seal row deleted or altered);
 * - the link of each stream to its previous event, for the last STREAM_CACHE streams seen.
 */
export async function verifyLog(events: EventStore, seal: SealStore, key: SealKey, options: VerifyLogOptions = {}): Promise<LogVerificationDetail> {
  const batchSize = options.batchSize ?? 256;
  const maxFailures = options.maxFailures ?? 1000;
  const pause = options.pause ?? nextTurn;
  const sealHead = await seal.head();
  const logHead = await events.headPosition();
  const upTo = options.upTo ?? logHead;
  const failures: IntegrityFailure[] = [];
  let failureCount = 0;
  const fail = (f: IntegrityFailure) => {
    failureCount += 1;
    if (failures.length < maxFailures) failures.push(f);
  };
  const streams = new Map<string, { revision: bigint; hash: string }>();
  let streamsChecked = 0;
  let eventsChecked = 0;
  let unsealedEvents = 0;

  let eventBuf: RecordedEvent[] = [];
  let ei = 0;
  let eventsDone = upTo === undefined;
  let after: bigint | undefined;
  const nextEvent = async (): Promise<RecordedEvent | undefined> => {
    if (ei >= eventBuf.length && !eventsDone) {
      await pause();
      eventBuf = await events.readAll({ after, maxCount: batchSize });
      ei = 0;
      if (eventBuf.length === 0) eventsDone = true;
      else after = eventBuf[eventBuf.length - 1].position;
    }
    const e = eventBuf[ei];
    if (e === undefined || upTo === undefined || e.position > upTo) {
      eventsDone = true;
      return undefined;
    }
    return e;
  };
  let sealBuf: SealRow[] = [];
  let si = 0;
  let sealDone = sealHead === undefined;
  let sealAfter = 0;
  const lastSeq = sealHead?.seq ?? 0;
  const nextSeal = async (): Promise<SealRow | undefined> => {
    if (si >= sealBuf.length && !sealDone) {
      sealBuf = await seal.readAfter(sealAfter, Math.min(batchSize, lastSeq - sealAfter));
      si = 0;
      if (sealBuf.length === 0) sealDone = true;
      else sealAfter = sealBuf[sealBuf.length - 1].seq;
    }
    const s = sealBuf[si];
    if (s === undefined || (upTo !== undefined && s.position > upTo)) {
      sealDone = true;
      return undefined;
    }
    return s;
  };

  let storedLink: Buffer = GENESIS_LINK;
  let expectedSeq = 1;
  const checkSealRow = (s: SealRow) => {
    if (s.seq !== expectedSeq) {
      fail({ streamId: s.streamId, version: Number(s.revision), position: s.position.toString(), reason: `seal rows ${expectedSeq}–${s.seq - 1} are missing from the seal` });
    }
    if (!nextLink(key, storedLink, s.mac).equals(s.link)) {
      fail({ streamId: s.streamId, version: Number(s.revision), position: s.position.toString(), reason: 'the seal row does not continue the seal chain (a seal row was altered or removed)' });
    }
    storedLink = s.link;
    expectedSeq = s.seq + 1;
  };

  const checkStreamChain = (e: RecordedEvent) => {
    const version = Number(e.revision);
    const at = { streamId: e.streamId, version, position: e.position.toString() };
    const recomputed = chainHash(e.metadata.prevHash ?? '', {
      streamId: e.streamId,
      revision: e.revision,
      id: e.id,
      type: e.type,
      data: e.data,
      recordedAt: e.metadata.recordedAt,
      actor: e.metadata.actor,
    });
    if (recomputed !== e.metadata.hash) fail({ ...at, reason: 'hash does not match the event content' });
    const prev = streams.get(e.streamId);
    if (prev) {
      if (e.revision !== prev.revision + 1n) fail({ ...at, reason: `stream revision ${e.revision} follows ${prev.revision}: an event is missing or out of order` });
      if (e.metadata.prevHash !== prev.hash) fail({ ...at, reason: 'prevHash does not match the previous event of the stream' });
      streams.delete(e.streamId);
    } else if (e.revision === 0n && e.metadata.prevHash !== '') {
      fail({ ...at, reason: 'the first event of a stream has a prevHash' });
    }
    if (e.revision === 0n) streamsChecked += 1;
    streams.set(e.streamId, { revision: e.revision, hash: e.metadata.hash });
    if (streams.size > STREAM_CACHE) streams.delete(streams.keys().next().value as string);
  };

  let logLink: Buffer = GENESIS_LINK;
  let lastPosition: bigint | undefined;
  let e = await nextEvent();
  let s = await nextSeal();
  while (e !== undefined || s !== undefined) {
    if (s !== undefined && (e === undefined || s.position < e.position)) {
      checkSealRow(s);
      fail({
        streamId: s.streamId,
        version: Number(s.revision),
        position: s.position.toString(),
        reason: 'a sealed event is missing from the log (deleted)',
      });
      si += 1;
      s = await nextSeal();
      continue;
    }
    const ev = e!;
    eventsChecked += 1;
    lastPosition = ev.position;
    checkStreamChain(ev);
    const mac = eventMac(key, ev);
    logLink = nextLink(key, logLink, mac);
    if (s !== undefined && s.position === ev.position) {
      checkSealRow(s);
      if (!mac.equals(s.mac)) {
        const moved = s.streamId !== ev.streamId || s.revision !== ev.revision;
        fail({
          streamId: ev.streamId,
          version: Number(ev.revision),
          position: ev.position.toString(),
          reason: moved
            ? `the event at this position is not the one sealed there (${s.streamId} version ${s.revision}): reordered or replaced`
            : 'the event differs from what was sealed (changed content or recomputed hashes)',
        });
      }
      si += 1;
      s = await nextSeal();
    } else if (sealHead !== undefined && ev.position <= sealHead.position) {
      fail({ streamId: ev.streamId, version: Number(ev.revision), position: ev.position.toString(), reason: 'the event is not in the seal (inserted or moved)' });
    } else {
      unsealedEvents += 1;
    }
    ei += 1;
    e = await nextEvent();
  }
  if (sealHead !== undefined && expectedSeq <= lastSeq && (upTo === undefined || sealHead.position <= upTo)) {
    fail({ streamId: null, version: null, position: sealHead.position.toString(), reason: `seal rows ${expectedSeq}–${lastSeq} could not be read` });
  }
  return {
    streamsChecked,
    eventsChecked,
    ok: failureCount === 0,
    failures,
    failuresTruncated: failureCount > failures.length,
    headPosition: lastPosition?.toString() ?? null,
    sealedThrough: sealHead?.position.toString() ?? null,
    unsealedEvents,
    lastPosition,
    logLink,
  };
}

/**
 * Verifies one stream: its chain, and every event sealed in it against its seal row (a read of a
 * case does this before it serves anything). Cheap: one indexed read of the seal and one MAC per event.
 */
export function verifyStreamSeal(key: SealKey, recorded: readonly RecordedEvent[], sealed: readonly SealRow[]): IntegrityFailure[] {
  const failures: IntegrityFailure[] = [];
  let prevHash = '';
  let expected = 0n;
  for (const e of recorded) {
    const at = { streamId: e.streamId, version: Number(e.revision), position: e.position.toString() };
    if (e.revision !== expected) failures.push({ ...at, reason: `revision gap: expected ${expected}` });
    if (e.metadata.prevHash !== prevHash) failures.push({ ...at, reason: 'prevHash does not match the previous event' });
    const recomputed = chainHash(e.metadata.prevHash ?? '', {
      streamId: e.streamId,
      revision: e.revision,
      id: e.id,
      type: e.type,
      data: e.data,
      recordedAt: e.metadata.recordedAt,
      actor: e.metadata.actor,
    });
    if (recomputed !== e.metadata.hash) failures.push({ ...at, reason: 'hash does not match the event content' });
    prevHash = e.metadata.hash;
    expected = e.revision + 1n;
  }
  const byRevision = new Map<bigint, RecordedEvent>();
  for (const e of recorded) byRevision.set(e.revision, e);
  for (const s of sealed) {
    const at = { streamId: s.streamId, version: Number(s.revision), position: s.position.toString() };
    const e = byRevision.get(s.revision);
    if (!e) failures.push({ ...at, reason: 'a sealed event is missing from the stream (deleted)' });
    else if (e.position !== s.position || !eventMac(key, e).equals(s.mac)) {
      failures.push({ ...at, reason: 'the event differs from what was sealed (changed content, recomputed hashes or moved)' });
    }
  }
  return failures;
}
