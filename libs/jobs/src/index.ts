export * from './job-runner.port';
export * from './in-process/in-process-job-runner';
export * from './bullmq/bullmq-job-runner';
