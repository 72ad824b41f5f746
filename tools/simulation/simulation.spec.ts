import Database from 'better-sqlite3';
import { PersonalDataCipher, loadMasterKeyring } from '@ledger/personal-data';
import { SqliteKeyStore } from '@ledger/personal-data/sqlite';
import { isScheduledWorkday } from '@ledger/swedish-rules';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONCURRENCY, SimulationOptions } from './parameters';
import { runSimulation } from './simulation';

/**
 * The simulator writes through the real app into a temporary data directory; these tests read the
 * event log back straight from its SQLite file and work out the figures by hand, independently of
 * the projections and the statistics endpoints.
 */

interface LoggedEvent {
  streamId: string;
  revision: number;
  type: string;
  data: string;
  recordedAt: string;
  actorSub: string;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function simulate(options: Partial<SimulationOptions> & Pick<SimulationOptions, 'employees' | 'months' | 'seed' | 'start'>): Promise<LoggedEvent[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'simulation-spec-'));
  dirs.push(dataDir);
  await runSimulation({ dataDir, observations: true, concurrency: DEFAULT_CONCURRENCY, ...options });
  return readLog(dataDir);
}

/** The event log of a run's data directory, straight from its SQLite file, personal fields opened. */
async function readLog(dataDir: string): Promise<LoggedEvent[]> {
  const db = new Database(join(dataDir, 'events.db'), { readonly: true });
  try {
    const rows = db.prepare('SELECT stream_id, revision, type, data, metadata FROM events ORDER BY position').all() as Array<{
      stream_id: string;
      revision: bigint | number;
      type: string;
      data: string;
      metadata: string;
    }>;
    // Personal fields are sealed with a fresh IV each time: compare (and read) them opened.
    const keys = new SqliteKeyStore({ file: join(dataDir, 'keys.db') });
    const cipher = new PersonalDataCipher(keys, loadMasterKeyring({ dataDir }).keyring);
    try {
      return await Promise.all(
        rows.map(async (r) => {
          const meta = JSON.parse(r.metadata) as { recordedAt: string; actor: { sub: string } };
          const data = r.data.includes('"pd1.') ? JSON.stringify(await cipher.reveal(JSON.parse(r.data))) : r.data;
          return { streamId: r.stream_id, revision: Number(r.revision), type: r.type, data, recordedAt: meta.recordedAt, actorSub: meta.actor.sub };
        }),
      );
    } finally {
      await keys.close();
    }
  } finally {
    db.close();
  }
}

/** sha256 over type, data and recordedAt of every event, in the order given. */
function hashOf(events: readonly LoggedEvent[]): string {
  const h = createHash('sha256');
  for (const e of events) h.update(`${e.streamId}\u0000${e.type}\u0000${e.data}\u0000${e.recordedAt}\n`);
  return h.digest('hex');
}

/** The same events stream by stream (the order concurrent lanes cannot change). */
const byStream = (events: readonly LoggedEvent[]) =>
  [...events].sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : a.revision - b.revision));

describe('the simulator is deterministic for a seed', () => {
  const small = { employees: 40, months: 2, start: '2025-01' };

  it('writes the identical event log twice for the same seed, and a different one for another seed', async () => {
    // Given the same seed, run one command at a time (the log then is in strict time order) ...
    const first = await simulate({ ...small, seed: 'same', concurrency: 1 });
    const second = await simulate({ ...small, seed: 'same', concurrency: 1 });
    // ... and once with employees side by side, and once with another seed.
    const concurrent = await simulate({ ...small, seed: 'same' });
    const other = await simulate({ ...small, seed: 'other', concurrency: 1 });

    expect(first.length).toBeGreaterThan(150);
    expect(hashOf(second)).toBe(hashOf(first));
    // Side by side, each stream's history and every recordedAt are still the same.
    expect(concurrent).toHaveLength(first.length);
    expect(hashOf(byStream(concurrent))).toBe(hashOf(byStream(first)));
    // Simulated time only moves forward in a one-at-a-time log.
    for (let i = 1; i < first.length; i++) expect(first[i].recordedAt >= first[i - 1].recordedAt).toBe(true);
    expect(hashOf(other)).not.toBe(hashOf(first));
  }, 120_000);

  it('writes the same log with --log-only (only the projections the commands read), without the other read models', async () => {
    const full = await simulate({ ...small, seed: 'log-only', concurrency: 1 });
    const dataDir = mkdtempSync(join(tmpdir(), 'simulation-spec-'));
    dirs.push(dataDir);
    await runSimulation({ dataDir, observations: true, concurrency: 1, ...small, seed: 'log-only', logOnly: true });
    const logOnly = await readLog(dataDir);
    expect(logOnly.map((e) => `${e.streamId} ${e.type} ${e.data}`)).toEqual(full.map((e) => `${e.streamId} ${e.type} ${e.data}`));
    const models = new Database(join(dataDir, 'read-models.db'), { readonly: true });
    const running = models.prepare('SELECT namespace FROM checkpoints ORDER BY namespace').pluck().all() as string[];
    models.close();
    expect(running.map((ns) => ns.split('@')[0])).toEqual(['absences']);
  }, 120_000);
});

describe('the simulated municipality looks like one', () => {
  let events: LoggedEvent[];
  beforeAll(async () => {
    events = await simulate({ employees: 150, months: 12, seed: 'realism', start: '2025-01' });
  }, 120_000);

  interface Case {
    employeeId: string;
    type: string;
    from: string;
    to: string | null;
    extentPercent: number;
    withdrawn: boolean;
  }

  /** The latest facts of every case, folded by hand from its events. */
  function cases(): Map<string, Case> {
    const out = new Map<string, Case>();
    for (const e of events) {
      if (!e.streamId.startsWith('absence-')) continue;
      const d = JSON.parse(e.data);
      if (e.type === 'AbsenceReported') out.set(e.streamId, { employeeId: d.employeeId, type: d.type, from: d.from, to: d.to, extentPercent: d.extentPercent, withdrawn: false });
      const c = out.get(e.streamId)!;
      if (e.type === 'ReturnReported') c.to = d.lastDay;
      if (e.type === 'AbsenceCorrected') {
        if (d.type !== undefined) c.type = d.type;
        if (d.from !== undefined) c.from = d.from;
        if (d.to !== undefined) c.to = d.to;
        if (d.extentPercent !== undefined) c.extentPercent = d.extentPercent;
      }
      if (e.type === 'AbsenceWithdrawn') c.withdrawn = true;
    }
    return out;
  }

  /** Scheduled hours and absence hours of a type, per month of 2025: weeklyHours / 5 × percent / 100 on each workday. */
  function hoursByMonth(type: string): Map<string, { scheduled: number; absent: number }> {
    const employments = new Map<string, Array<{ effectiveFrom: string; employmentPercent: number; weeklyHours: number }>>();
    for (const e of events) {
      if (e.type !== 'EmploymentRecorded') continue;
      const d = JSON.parse(e.data);
      employments.set(d.employeeId, [...(employments.get(d.employeeId) ?? []), d]);
    }
    const byEmployee = new Map<string, Case[]>();
    for (const c of cases().values()) if (!c.withdrawn && c.type === type) byEmployee.set(c.employeeId, [...(byEmployee.get(c.employeeId) ?? []), c]);
    const out = new Map<string, { scheduled: number; absent: number }>();
    for (let t = Date.UTC(2025, 0, 1); t <= Date.UTC(2025, 11, 31); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      if (!isScheduledWorkday(date)) continue;
      const month = out.get(date.slice(0, 7)) ?? { scheduled: 0, absent: 0 };
      for (const [employeeId, history] of employments) {
        let current: { employmentPercent: number; weeklyHours: number } | undefined;
        for (const h of [...history].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1))) if (h.effectiveFrom <= date) current = h;
        if (!current) continue;
        const hours = ((current.weeklyHours / 5) * current.employmentPercent) / 100;
        month.scheduled += hours;
        for (const c of byEmployee.get(employeeId) ?? []) {
          // Registered now: an open-ended case still runs.
          if (c.from <= date && (c.to === null || c.to >= date)) month.absent += (hours * c.extentPercent) / 100;
        }
      }
      out.set(date.slice(0, 7), month);
    }
    return out;
  }

  it('has sick leave of about 5–9 % of scheduled working time', () => {
    let scheduled = 0;
    let sick = 0;
    for (const m of hoursByMonth('sick').values()) {
      scheduled += m.scheduled;
      sick += m.absent;
    }
    const rate = (100 * sick) / scheduled;
    expect(rate).toBeGreaterThanOrEqual(5);
    expect(rate).toBeLessThanOrEqual(9);
  });

  it('has more VAB in January than in July', () => {
    const vab = hoursByMonth('care_of_child');
    const january = vab.get('2025-01')!;
    const july = vab.get('2025-07')!;
    expect(january.absent / january.scheduled).toBeGreaterThan(july.absent / july.scheduled);
  });

  it('has late sick and VAB reports, late and missing return reports, and people with six sick occasions', () => {
    const reports = events.filter((e) => e.type === 'AbsenceReported').map((e) => ({ e, d: JSON.parse(e.data) }));
    const unplanned = reports.filter(({ d }) => d.type === 'sick' || d.type === 'care_of_child');
    // 00:00 UTC of the day after the first day is after local midnight (Stockholm is UTC+1 or +2): surely late.
    const late = unplanned.filter(({ e, d }) => e.recordedAt >= `${nextDay(d.from)}T00:00:00.000Z`);
    expect(late.length / unplanned.length).toBeGreaterThan(0.05);
    expect(late.length / unplanned.length).toBeLessThan(0.3);

    const employeeOf = new Map(reports.map(({ e, d }) => [e.streamId, d.employeeId as string]));
    const returns = events.filter((e) => e.type === 'ReturnReported').map((e) => ({ e, lastDay: JSON.parse(e.data).lastDay as string }));
    // After the end of the first day back (00:00 UTC two days after the last day is later than that).
    const lateReturns = returns.filter(({ e, lastDay }) => e.recordedAt >= `${nextDay(nextDay(lastDay))}T00:00:00.000Z`);
    expect(lateReturns.length).toBeGreaterThan(0);
    // Forgotten: recorded five days or more after the last day, by the manager instead of the employee.
    const forgotten = returns.filter(({ e, lastDay }) => e.recordedAt >= `${addDays(lastDay, 5)}T00:00:00.000Z` && e.actorSub !== employeeOf.get(e.streamId));
    expect(forgotten.length).toBeGreaterThan(0);

    // Sick occasions in 2025: a case that does not continue the day after another (a part-time phase) is a new occasion.
    const sick = [...cases().values()].filter((c) => !c.withdrawn && c.type === 'sick' && c.from >= '2025-01-01');
    const occasions = new Map<string, number>();
    for (const c of sick) {
      const continues = sick.some((o) => o !== c && o.employeeId === c.employeeId && o.to !== null && nextDay(o.to) === c.from);
      if (!continues) occasions.set(c.employeeId, (occasions.get(c.employeeId) ?? 0) + 1);
    }
    expect([...occasions.values()].some((n) => n >= 6)).toBe(true);
  });

  it('posts observations that mostly agree with the ledger and some that do not', () => {
    const registered = [...cases().values()].filter((c) => !c.withdrawn);
    const covered = (employeeId: string, date: string) =>
      registered.some((c) => c.employeeId === employeeId && c.from <= date && (c.to === null || c.to >= date));
    const observations = events.filter((e) => e.type === 'ObservationRecorded').map((e) => JSON.parse(e.data));
    const disagree = observations.filter((o) => (o.kind === 'absent') !== covered(o.employeeId, o.date));
    expect(observations.length).toBeGreaterThan(100);
    expect(disagree.length).toBeGreaterThan(0);
    expect(disagree.length / observations.length).toBeLessThan(0.2);
  });
});

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
const nextDay = (date: string) => addDays(date, 1);
