/** Swedish absence rules as pure functions: calendar, working time, sick periods and coding, obligations, statistics. */
export * from './calendar';
export * from './holidays';
export type { Instant } from './stockholm-time';
export { TIME_ZONE, localDateOf, localMidnightUtc, localWallClockMs } from './stockholm-time';
export * from './working-time';
export * from './parameters';
export type { SickSpell, SickCode, SickPeriod } from './sick-periods';
export { chainSickPeriods, sickDayCount, sickDayDate } from './sick-periods';
export * from './sick-day-coding';
export * from './sick-pay';
export * from './obligations';
export * from './late-reporting';
export * from './percentiles';
export * from './long-term-sick';
export * from './statutory-figures';
export * from './running-periods';
