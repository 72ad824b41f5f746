export * from './runtime/projection';
export * from './runtime/unit-of-work';
export * from './runtime/projection-runner';
export * from './absences/absences.projection';
export * from './master-data/master-data.projection';
export * from './payroll';
export * from './statistics';
export * from './notifications/notifications.projection';
