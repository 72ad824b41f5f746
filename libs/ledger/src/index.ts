/**
 * The ledger core every process shares (the API, the projector, the worker, the tools, the bench):
 * the ports chosen by configuration, the command pipeline, the projections service, the readers
 * of master data, the metrics registry, and the reminder jobs (rules, scan, webhook delivery).
 * Apps add only their controllers, DTOs and module wiring on top.
 */
export * from './core/access-log';
export * from './core/clock';
export * from './core/command-pipeline';
export * from './core/department-scope';
export * from './core/employee-absence-index';
export * from './core/ledger.module';
export * from './core/master-data-reader';
export * from './core/projections.service';
export * from './core/preflight';
export * from './core/projector-lock';
export * from './core/stream-integrity';
export * from './metrics/command-metrics';
export * from './metrics/process-health-server';
export * from './reminders/discrepancy-source';
export * from './reminders/notification-id';
export * from './reminders/reminder-jobs';
export * from './reminders/reminder-rules';
export * from './reminders/reminder-scanner';
export * from './reminders/reminders.module';
export * from './reminders/webhook-delivery';
export * from './background-work';
/** The one fold of recorded events lives in the domain library; re-exported here for code written against the ledger core. */
export { foldRecorded } from '@ledger/domain';
export * from './core/personal-data-core.module';
export * from './retention/retention-rules';
export * from './retention/retention-job';
export * from './retention/retention.module';
