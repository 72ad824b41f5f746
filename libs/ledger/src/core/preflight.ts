import { loadConfig } from '@ledger/config';

/**
 * Checked before the application is built, so that a server that does not answer stops the process
 * with one line (the caller prints the message and exits 1) instead of a stack trace from the
 * dependency injector: PostgreSQL of the postgres profile.
 */
export async function preflight(): Promise<void> {
  const config = loadConfig();
  if (config.eventStore === 'postgresql') {
    if (!config.databaseUrl) throw new Error('LEDGER_EVENT_STORE=postgresql needs DATABASE_URL (e.g. postgres://ledger@localhost:5432/ledger)');
    const { checkReachable } = await import('@ledger/event-store/postgresql');
    await checkReachable(config.databaseUrl);
  }
}
