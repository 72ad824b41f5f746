import type { INestApplicationContext } from '@nestjs/common';
import { ProcessHealthServer, startBackgroundWork } from '@ledger/ledger';

/**
 * Runs the projector in an application context built on ProjectorModule: the metrics port first
 * (so /health shows a long side-by-side build), then every projection from its checkpoint. A
 * projection whose version changed is rebuilt side by side and swapped in by its runner.
 * Shutdown (SIGTERM through Nest's shutdown hooks) stops each runner after its batch in flight,
 * whose checkpoint commits with it, then closes the stores and the port.
 */
export async function runProjector(app: INestApplicationContext, options: { metricsPort?: number } = {}): Promise<{ metricsPort: number }> {
  const metricsPort = await app.get(ProcessHealthServer).listen(options.metricsPort);
  await startBackgroundWork(app, { projections: true, workers: false });
  return { metricsPort };
}
