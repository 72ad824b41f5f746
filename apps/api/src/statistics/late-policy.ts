import { ABSENCE_TYPES, AbsenceType } from '@ledger/domain';
import { ConfigError } from '@ledger/config';
import { DEFAULT_LATE_POLICY, LatePolicy } from '@ledger/swedish-rules';

export const LATE_POLICY = Symbol('LATE_POLICY');

/** Grace hours are bounded to a year either way. */
const MAX_GRACE_HOURS = 8760;

/**
 * The late-reporting policy (docs/domain.md "Late reporting"), configurable per absence type:
 *
 * - `LATE_REPORT_GRACE_HOURS`: comma-separated `type=hours` pairs, e.g.
 *   `sick=24,care_of_child=24,vacation=-336`. A report is late when first recorded more than
 *   `hours` wall-clock hours after 00:00 local time of the first absence day (24 = after the end
 *   of the first day; a negative value asks for notice ahead). Types left out are never late.
 *   `none` makes no type late. Default: `sick=24,care_of_child=24`.
 * - `LATE_RETURN_GRACE_HOURS`: a return report (friskanmälan) is late when recorded more than
 *   this many hours after 00:00 local time of the first day back. Default: 24.
 *
 * A malformed value stops the service at start (ConfigError), never silently falls back.
 */
export function loadLatePolicy(env: NodeJS.ProcessEnv = process.env): LatePolicy {
  return {
    reportGraceHours: parseReportGrace(env.LATE_REPORT_GRACE_HOURS),
    returnGraceHours: parseHours('LATE_RETURN_GRACE_HOURS', env.LATE_RETURN_GRACE_HOURS) ?? DEFAULT_LATE_POLICY.returnGraceHours,
  };
}

function parseReportGrace(value: string | undefined): LatePolicy['reportGraceHours'] {
  if (value === undefined || value.trim() === '') return { ...DEFAULT_LATE_POLICY.reportGraceHours };
  if (value.trim() === 'none') return {};
  const out: Partial<Record<AbsenceType, number>> = {};
  for (const pair of value.split(',')) {
    const [type, hours, ...rest] = pair.split('=').map((s) => s.trim());
    if (!ABSENCE_TYPES.includes(type as AbsenceType) || hours === undefined || hours === '' || rest.length > 0) {
      throw new ConfigError(`LATE_REPORT_GRACE_HOURS must be type=hours pairs (types: ${ABSENCE_TYPES.join(', ')}), not "${pair}"`);
    }
    if (out[type as AbsenceType] !== undefined) throw new ConfigError(`LATE_REPORT_GRACE_HOURS names ${type} twice`);
    out[type as AbsenceType] = parseHours(`LATE_REPORT_GRACE_HOURS (${type})`, hours)!;
  }
  return out;
}

function parseHours(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  if (!/^-?\d+(\.\d{1,2})?$/.test(value.trim()) || Math.abs(n) > MAX_GRACE_HOURS) {
    throw new ConfigError(`${name} must be a number of hours from -${MAX_GRACE_HOURS} to ${MAX_GRACE_HOURS}, not "${value}"`);
  }
  return n;
}
