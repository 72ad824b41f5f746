/**
 * A stream id is `<prefix><id>` (`absence-<uuid>`, `employee-<id>`, …). Each decider's module has a
 * builder and a parser made from its prefix here, so the two can never disagree.
 */
export interface StreamIds {
  /** The prefix, e.g. `absence-`. */
  readonly prefix: string;
  /** The stream id of an id. */
  streamIdOf(id: string): string;
  /** The id a stream id names; throws for a stream of another kind. */
  idOf(streamId: string): string;
}

export function streamIds(prefix: string): StreamIds {
  return {
    prefix,
    streamIdOf: (id) => `${prefix}${id}`,
    idOf: (streamId) => {
      if (!streamId.startsWith(prefix)) throw new Error(`not a ${prefix}… stream: ${streamId}`);
      return streamId.slice(prefix.length);
    },
  };
}
