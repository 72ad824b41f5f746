/** One sealed event: its place in the log and its MAC, and the chain link after it. */
export interface SealRow {
  /** 1, 2, 3, … in log order: the number of events sealed up to and including this one. */
  seq: number;
  position: bigint;
  streamId: string;
  revision: bigint;
  mac: Buffer;
  link: Buffer;
}

export const SEAL_STORE = Symbol('SEAL_STORE');

/**
 * Where the seal is kept, apart from the event store. The sealer appends; verify and reads only
 * read. An adapter keeps rows in `seq` order and never rewrites one.
 */
export interface SealStore {
  /** The last row sealed, undefined before the first. */
  head(): Promise<SealRow | undefined>;
  /** Appends rows that continue the head (seq head+1, head+2, …) in one atomic write. */
  append(rows: readonly SealRow[]): Promise<void>;
  /** Rows with seq > afterSeq, in order, at most maxCount. */
  readAfter(afterSeq: number, maxCount: number): Promise<SealRow[]>;
  /** Every row of one stream, by revision. */
  rowsOfStream(streamId: string): Promise<SealRow[]>;
  close(): Promise<void>;
}

