/**
 * Where the copy of a person's data (art. 15) gets the log of who read their health data. The
 * access log itself is kept by the audit feature; this port keeps the copy independent of how.
 */
export const ACCESS_LOG_SOURCE = Symbol('ACCESS_LOG_SOURCE');

export interface AccessLogEntry {
  [field: string]: unknown;
}

export interface AccessLogSource {
  readsOf(employeeId: string): Promise<AccessLogEntry[]>;
}
