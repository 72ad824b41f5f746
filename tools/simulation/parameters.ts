/**
 * Every number of the synthetic municipality, in one place. Rates are per employee and year unless
 * said otherwise; lengths are calendar days; `[value, weight]` tables are drawn by weight.
 *
 * Sources for the levels (rounded): Swedish municipalities report total sick leave of about 6–8 %
 * of ordinary working time, about 40 % of it in spells of 60 days or more (SKR, kommunernas
 * årsredovisningar); VAB peaks in the winter months (Försäkringskassan); municipal staff are about
 * 77 % women, and many work part time (SCB, kommunalt anställda).
 */
export const SIMULATION_PARAMETERS = {
  organisation: {
    /** Kinds of department (förvaltning/enhet) with their share of departments and staff size range. */
    departmentKinds: [
      { kind: 'school', prefix: 'SKOLA', weight: 25, size: [25, 110] },
      { kind: 'preschool', prefix: 'FSK', weight: 30, size: [5, 30] },
      { kind: 'home_care', prefix: 'HEMTJ', weight: 15, size: [30, 250] },
      { kind: 'elderly_care', prefix: 'VOBO', weight: 10, size: [20, 90] },
      { kind: 'administration', prefix: 'ADM', weight: 20, size: [5, 60] },
    ],
    /** A department of at least this many staff gets a second manager with `largeSecondManager`, otherwise `smallSecondManager`. */
    secondManagerFromSize: 40,
    largeSecondManager: 0.8,
    smallSecondManager: 0.15,
    genders: [['female', 77], ['male', 22], ['other', 0.5], ['unknown', 0.5]],
    birthYears: [1960, 2005],
    employmentPercents: [[100, 55], [90, 6], [80, 16], [75, 13], [50, 10]],
    weeklyHours: [[40, 85], [38.25, 15]],
    /** Employees younger than this at the start have no earlier hire date than their 18th birthday year. */
    earliestHireAge: 18,
    /** Share of staff aged 25–50 with children under 12 (who take VAB and parental leave). */
    parentShare: 0.45,
    parentAges: [25, 50],
    /** Transfers between departments and changes of extent, effective the 1st of a month, recorded 3–25 days before. */
    transfersPerYear: 0.05,
    extentChangesPerYear: 0.07,
    changeRecordedDaysBefore: [3, 25],
  },

  sick: {
    /** Short spells (1–14 days) per year for a person of average frailty; ×seasonal factor by month (Jan = index 0). */
    shortSpellsPerYear: 2.9,
    shortSeasonFactor: [1.3, 1.3, 1.15, 1.0, 0.9, 0.8, 0.6, 0.75, 1.0, 1.05, 1.1, 1.2],
    /** Personal frailty multiplies the short-spell rate: log-normal, mean 1 (some people reach 6 occasions a year). */
    frailtySigma: 0.75,
    shortLengths: [[1, 24], [2, 20], [3, 17], [4, 11], [5, 9], [6, 5], [7, 6], [8, 2], [9, 1.5], [10, 1.5], [11, 0.8], [12, 0.7], [13, 0.7], [14, 0.8]],
    /** Share of short spells at part extent (went home at lunch, worked half the day). */
    shortPartExtent: 0.04,
    /** Återinsjuknande: a new spell 2–5 days after a short spell ended (chained into the same sick period). */
    relapseChance: 0.09,
    relapseGapDays: [2, 5],
    /** Spells of 15–59 days. */
    midSpellsPerYear: 0.15,
    midLengths: [15, 59],
    /** Long-term spells (60–365 days), the tail that carries about 40 % of the sick hours. */
    longSpellsPerYear: 0.06,
    longLengths: [[[60, 90], 35], [[91, 180], 35], [[181, 270], 18], [[271, 365], 12]] as ReadonlyArray<readonly [readonly [number, number], number]>,
    /** Share of long spells that go on part time (partiell sjukskrivning) after 30–90 days: a second case at this extent. */
    longPartTimeShare: 0.4,
    longPartTimeExtents: [[50, 50], [75, 25], [25, 25]],
    /** Läkarintyg: registered from day 8, each covering about four weeks. */
    certificateFromDay: 8,
    certificateDays: 28,
  },

  careOfChild: {
    /** VAB spells per parent and year, × the month's factor (Jan = index 0; peaks Dec–Mar, lowest in July). */
    spellsPerParentYear: 4.5,
    monthFactor: [1.9, 1.8, 1.5, 1.0, 0.8, 0.5, 0.12, 0.4, 1.0, 1.1, 1.3, 1.6],
    lengths: [[1, 50], [2, 30], [3, 14], [4, 4], [5, 2]],
    /** Half-day VAB. */
    halfDayShare: 0.12,
  },

  planned: {
    /** Summer vacation: 4 weeks from a Monday between these dates (MM-DD), reported between Mar 1 and May 15. */
    summerWeeks: 4,
    summerStartBetween: ['06-15', '07-20'],
    summerReportedBetween: ['03-01', '05-15'],
    /** Shorter vacations in the school holidays: [name, chance per year, first day MM-DD, workdays, reported days ahead]. */
    holidayWeeks: [
      ['christmas', 0.35, '12-22', 5, [30, 60]],
      ['sportlov', 0.18, '02-23', 5, [30, 75]],
      ['hostlov', 0.15, '10-27', 5, [21, 60]],
    ] as ReadonlyArray<readonly [string, number, string, number, readonly [number, number]]>,
    /** Parental leave for parents: starts per year, length, extent, reported days ahead. */
    parentalStartsPerYear: 0.09,
    parentalDays: [30, 180],
    parentalExtents: [[100, 55], [75, 10], [50, 20], [25, 15]],
    parentalLeadDays: [30, 90],
    /** Tjänstledighet. */
    leaveOfAbsencePerYear: 0.02,
    leaveOfAbsenceDays: [30, 180],
    leaveOfAbsenceLeadDays: [30, 90],
    /** Utbildning: 1–3 days, booked 7–45 days ahead. */
    trainingPerYear: 0.7,
    trainingDays: [1, 3],
    trainingLeadDays: [7, 45],
    /** Kompledighet: a day, reported 2–14 days ahead. */
    compLeavePerYear: 0.4,
    compLeaveLeadDays: [2, 14],
    /** Share of planned absences that are cancelled (reported, then withdrawn before they start). */
    cancelledShare: 0.03,
    /** Share of planned absences whose dates are corrected before they start (first reported two days short). */
    datesCorrectedShare: 0.03,
    /** How far beyond the last simulated month planned absences are reported. */
    lookaheadDays: 90,
  },

  reporting: {
    /** Who reports unplanned absence: the employee (app or web), the manager taking a phone call, HR from paper. */
    reporters: [['mobile', 55], ['web', 25], ['phone', 17], ['paper', 3]] as ReadonlyArray<readonly ['mobile' | 'web' | 'phone' | 'paper', number]>,
    /** Local hours of an on-time report on the first day; VAB is sometimes reported the evening before. */
    onTimeHours: [6, 9.5],
    vabEveningBeforeShare: 0.1,
    /** Reports first recorded after the end of the first absence day, and how many days late. */
    lateShare: { sick: 0.14, care_of_child: 0.18 },
    lateDays: [[1, 55], [2, 20], [3, 10], [4, 5], [5, 4], [7, 3], [10, 2], [14, 1]],
    /** Reported while still absent: share without a last day (closed with the return report). */
    openEndedShare: { sick: 0.9, care_of_child: 0.55 },
    /** Friskanmälan: on time (by the end of the first day back), late by the employee, or forgotten until the manager reports it. */
    returnLateShare: 0.14,
    returnLateDays: [1, 7],
    returnForgottenShare: 0.06,
    returnForgottenDays: [5, 20],
    /** Spells of one or two days never reported (the schedule sees them); the manager reports some of those late. */
    unreportedShare: 0.08,
    unreportedLaterByManager: 0.4,
    unreportedLaterDays: [3, 15],
    /** The employee and the manager both report the same absence: the second report is refused (overlap). */
    doubleReportShare: 0.012,
    /** Reports with a wrong extent, start, end or type, corrected later (by the employee, or after the manager rejects). */
    errorShare: 0.06,
    errorCorrectedDays: [[0, 30], [1, 25], [2, 15], [4, 10], [7, 10], [20, 10]],
    /** Reported sick in the morning, then went to work after all: withdrawn the same day, now and then days later. */
    phantomSickPerYear: 0.03,
    phantomWithdrawnLate: 0.3,
  },

  attestation: {
    /** Beslutsattest: each manager has a weekday for attesting; a normal manager keeps it this often, a slow one seldom. */
    weeklySessionChance: 0.7,
    slowManagerShare: 0.15,
    slowWeeklySessionChance: 0.12,
    sessionHours: [13, 16.5],
    /** The monthly round for the payroll cut-off (the 10th of the following month): on time, late (11th–25th), or skipped. */
    cutoffDay: 10,
    monthlyRound: [['on_time', 85], ['late', 10], ['skipped', 5]] as ReadonlyArray<readonly ['on_time' | 'late' | 'skipped', number]>,
    /** A manager who sees a wrong report returns it for correction (avvisar) with this chance; otherwise attests it as it is. */
    rejectWrongReport: 0.5,
    /** The employee corrects a returned case 1–4 days later. */
    correctAfterRejectionDays: [1, 4],
  },

  observations: {
    /** Scheduling or staffing notices a no-show on the first day of sick leave or VAB. */
    firstDayAbsentSeen: 0.7,
    /** Of unreported absence, every day is seen with this chance. */
    unreportedDaySeen: 0.9,
    /** The time clock shows the employee at work while the ledger still has them away (late or forgotten return), up to this many days. */
    presentWhileRegisteredMaxDays: 10,
    /** Random days at work that the time clock reports (they agree with the ledger). */
    presentSamplePerWorkday: 0.01,
  },

  actors: {
    masterDataSync: { sub: 'hr-sync', roles: ['integration'] },
    hr: { sub: 'hr-admin', roles: ['hr'] },
    schedule: { sub: 'schedule-sync', roles: ['integration'] },
    timeClock: { sub: 'timeclock-sync', roles: ['integration'] },
  },
} as const;

export type SimulationParameters = typeof SIMULATION_PARAMETERS;

/** What a run is asked to do (the CLI flags). */
export interface SimulationOptions {
  employees: number;
  months: number;
  seed: string;
  /** First simulated month, `YYYY-MM`. */
  start: string;
  /** LEDGER_DATA_DIR of the run. */
  dataDir: string;
  /** Post observations from scheduling and time clocks (POST /v1/observations). */
  observations: boolean;
  /** Employees whose commands run side by side within a simulated day; 1 writes the log in strict time order. */
  concurrency: number;
  /** Stop at the end of the simulated month in which the log has grown by this many events. */
  maxEvents?: number;
  /**
   * Write the log only: run just the projections the commands read, not the read models nobody
   * reads during the run (they are built when the ledger next starts on the data directory).
   */
  logOnly?: boolean;
}

export const DEFAULT_CONCURRENCY = 32;
