/**
 * Child process for the projector kill test: the projector app (ProjectorModule + runProjector)
 * with one extra projection that counts events without a replay guard. Configuration comes from
 * the environment like the real projector's. Prints "ready <metricsPort>" once started.
 */
import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { allProjections, PROJECTIONS } from '@ledger/ledger';
import { runProjector } from '../../apps/projector/src/projector';
import { ProjectorModule } from '../../apps/projector/src/projector.module';
import { EventCounterProjection } from './event-counter.projection';

async function main(): Promise<void> {
  const app = await Test.createTestingModule({ imports: [ProjectorModule] })
    .overrideProvider(PROJECTIONS)
    .useValue([...allProjections(), new EventCounterProjection()])
    .compile();
  app.useLogger(['error', 'warn']);
  app.enableShutdownHooks();
  await app.init();
  const { metricsPort } = await runProjector(app, { metricsPort: 0 });
  process.stdout.write(`ready ${metricsPort}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
