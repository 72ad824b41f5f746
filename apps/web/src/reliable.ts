import { useRef, useState } from 'react';
import { ApiFailure } from './api/client';

/**
 * A command that survives a lost connection: its id (absenceId or Idempotency-Key) and body are
 * fixed before the first try, and every retry sends exactly the same request, so the API answers
 * a repeat with the original result instead of registering it twice.
 */
export function useReliableCommand<B, R>(send: (id: string, body: B) => Promise<R>, options: { retries?: number; delayMs?: number } = {}) {
  const { retries = 5, delayMs = 1500 } = options;
  const [state, setState] = useState<{ busy: boolean; offline: boolean; failure: unknown; result: R | null }>({ busy: false, offline: false, failure: undefined, result: null });
  const inFlight = useRef<{ id: string; body: B } | null>(null);

  const run = async (id: string, body: B): Promise<R | null> => {
    // A request already under way (a second tap) is not sent again.
    if (inFlight.current) return null;
    inFlight.current = { id, body };
    setState({ busy: true, offline: false, failure: undefined, result: null });
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          const result = await send(id, body);
          setState({ busy: false, offline: false, failure: undefined, result });
          return result;
        } catch (error) {
          const offline = error instanceof ApiFailure && (error.offline || error.status === 503);
          if (!offline || attempt >= retries) {
            setState({ busy: false, offline, failure: error, result: null });
            return null;
          }
          setState((s) => ({ ...s, offline: true }));
          await new Promise((r) => setTimeout(r, delayMs * 2 ** Math.min(attempt, 4)));
        }
      }
    } finally {
      inFlight.current = null;
    }
  };
  return { ...state, run, reset: () => setState({ busy: false, offline: false, failure: undefined, result: null }) };
}
