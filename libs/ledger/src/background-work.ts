import type { INestApplicationContext } from '@nestjs/common';
import { ReminderJobs } from './reminders/reminder-jobs';
import { RetentionJob } from './retention/retention-job';
import { ProjectionsService } from './core/projections.service';
import { ProjectorLock } from './core/projector-lock';
import { Sealer } from '@ledger/event-store';

/** What a process runs besides (or instead of) HTTP. */
export interface BackgroundParts {
  /** Run the projections here (all, or the named ones); otherwise read what the projector stores. */
  projections: boolean | readonly string[];
  /** Run the job workers here (the reminder scan on its schedule, webhook delivery). */
  workers: boolean;
}

/**
 * Starts a process's share of the work. `npm run start:prod` (LEDGER_RUN=all) runs both parts in
 * the API process whatever the adapters; in docker-compose the api runs neither (LEDGER_RUN=api),
 * the projector only the projections, the worker only the workers.
 */
export async function startBackgroundWork(app: INestApplicationContext, parts: BackgroundParts): Promise<void> {
  const projections = app.get(ProjectionsService);
  const only = parts.projections === true ? undefined : parts.projections || undefined;
  const lock = app.get(ProjectorLock);
  // The seal follows the log where all the projections run: one sealer per deployment.
  const run = async () => {
    if (parts.projections === true) await app.get(Sealer).start();
    await projections.startAll(only);
  };
  if (parts.projections && !lock.needed) await run();
  else if (parts.projections) {
    // The postgres profile: serve from the stored checkpoints until this process holds the
    // projector lock, then run the projections and the seal (a standby waits while another lives).
    await projections.followRemote();
    void lock.acquire().then(
      (held) => (held ? run() : undefined),
      (error: unknown) => {
        console.error(`projector lock: ${String(error)}`);
        process.exit(1);
      },
    );
  } else await projections.followRemote();
  if (parts.workers) {
    await app.get(RetentionJob, { strict: false }).schedule();
    await app.get(ReminderJobs).startWorkers();
  }
}
