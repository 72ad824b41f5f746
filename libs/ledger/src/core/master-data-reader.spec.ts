import { SqliteEventStore } from '@ledger/event-store/sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MasterDataReader } from './master-data-reader';

const meta = { recordedAt: '2026-01-05T08:00:00.000Z', actor: { sub: 'hr1', roles: ['hr'] }, prevHash: '', hash: '' };
const employment = (n: number, departmentId: string, effectiveFrom: string) => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  type: 'EmploymentRecorded',
  data: { employeeId: 'E1', departmentId, gender: 'female', birthYear: 1980, employmentPercent: 100, weeklyHours: 40, effectiveFrom, personalIdentityNumber: null },
  metadata: meta,
});
const department = (n: number, managerIds: string[]) => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  type: 'DepartmentDefined',
  data: { departmentId: 'D1', name: 'Enhet 1', managerIds },
  metadata: meta,
});

describe('MasterDataReader', () => {
  let dir: string;
  let events: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-md-'));
    events = new SqliteEventStore({ file: join(dir, 'events.db') });
  });
  afterEach(async () => {
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a state it has read before, when the stream grows, then the next read includes the new events, as a fresh fold would', async () => {
    const reader = new MasterDataReader(events);
    await events.append('employee-E1', [employment(1, 'D1', '2020-01-01')], 'no_stream');
    await events.append('department-D1', [department(2, ['M1'])], 'no_stream');
    expect((await reader.employee('E1')).employments.map((e) => e.departmentId)).toEqual(['D1']);
    expect((await reader.department('D1')).managerIds).toEqual(['M1']);

    // A transfer and a new manager, written by anyone (here straight to the store).
    await events.append('employee-E1', [employment(3, 'D2', '2026-02-01')], 0n);
    await events.append('department-D1', [department(4, ['M1', 'M2'])], 0n);
    const employee = await reader.employee('E1');
    expect(employee.employments.map((e) => [e.effectiveFrom, e.departmentId])).toEqual([['2020-01-01', 'D1'], ['2026-02-01', 'D2']]);
    expect((await reader.department('D1')).managerIds).toEqual(['M1', 'M2']);
    expect(employee).toEqual(await new MasterDataReader(events).employee('E1'));
    expect(await reader.managersOf(['D1', undefined, 'D9'])).toEqual({ D1: ['M1', 'M2'], D9: [] });
  });

  it('answers an unknown employee as not existing until the stream appears, and hands out states no caller can change', async () => {
    const reader = new MasterDataReader(events);
    expect((await reader.employee('E1')).exists).toBe(false);
    await events.append('employee-E1', [employment(1, 'D1', '2020-01-01')], 'no_stream');
    const employee = await reader.employee('E1');
    expect(employee.exists).toBe(true);
    expect(() => (employee.employments as unknown[]).push({})).toThrow(TypeError);
    expect((await reader.employee('E1')).employments).toHaveLength(1);
  });
});
