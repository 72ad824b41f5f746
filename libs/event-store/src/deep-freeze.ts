/**
 * Freezes a value and everything it holds, so that one instance can be shared by several readers
 * (events are facts; states folded from them are kept and handed out): a reader that tried to
 * change it would throw instead of changing what the others see.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
