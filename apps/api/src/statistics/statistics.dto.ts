import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ABSENCE_TYPES, AbsenceType, FieldError, addDaysTo } from '@ledger/domain';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { InvalidInputException } from '../http/problem-details';
import { MinPositionQueryDto } from '../http/read-your-writes';
import { ID_MESSAGE, ID_PATTERN, IsCalendarDate, IsCalendarMonth } from '../http/validators';

/** Bounds of what the statistics are asked about (statistics reach from 2000 to the end of 2099). */
export const STATISTICS_LIMITS = {
  firstMonth: '2000-01',
  lastMonth: '2099-12',
  firstYear: 2000,
  lastYear: 2099,
  /** Longest month range of one query. */
  maxMonths: 36,
  /** Longest date range of one discrepancy query. */
  maxDays: 366,
};

class DepartmentScopedQueryDto extends MinPositionQueryDto {
  @ApiPropertyOptional({ description: 'Leave out for the whole organisation (hr, auditor); managers name one of their departments' })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN, { message: `departmentId ${ID_MESSAGE}` })
  departmentId?: string;
}

class MonthRangeQueryDto extends DepartmentScopedQueryDto {
  @ApiProperty({ example: '2026-01', description: `First month YYYY-MM (from ${STATISTICS_LIMITS.firstMonth})` })
  @IsCalendarMonth()
  from!: string;

  @ApiProperty({ example: '2026-12', description: `Last month YYYY-MM, at most ${STATISTICS_LIMITS.maxMonths} months after from inclusive` })
  @IsCalendarMonth()
  to!: string;
}

export class SickLeaveQueryDto extends MonthRangeQueryDto {}

export class ReportingLatencyQueryDto extends MonthRangeQueryDto {
  @ApiPropertyOptional({ enum: ABSENCE_TYPES, description: 'Only cases of this type' })
  @IsOptional()
  @IsIn(ABSENCE_TYPES)
  type?: AbsenceType;
}

export class AnnualReportQueryDto extends DepartmentScopedQueryDto {
  @ApiProperty({ example: '2025', description: `The year, ${STATISTICS_LIMITS.firstYear}–${STATISTICS_LIMITS.lastYear}` })
  @Matches(/^\d{4}$/, { message: 'year must be a year YYYY' })
  year!: string;
}

export class DiscrepanciesQueryDto extends DepartmentScopedQueryDto {
  @ApiProperty({ example: '2026-03-01', description: 'First day YYYY-MM-DD' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ example: '2026-03-31', description: `Last day YYYY-MM-DD, at most ${STATISTICS_LIMITS.maxDays} days from from inclusive` })
  @IsCalendarDate()
  to!: string;
}

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** from ≤ to, within the bounds, at most 36 months: otherwise 400 naming the field. */
export function checkMonthRange(from: string, to: string): void {
  const errors: FieldError[] = [];
  if (from < STATISTICS_LIMITS.firstMonth) errors.push({ field: 'from', message: `must not be before ${STATISTICS_LIMITS.firstMonth}` });
  if (to > STATISTICS_LIMITS.lastMonth) errors.push({ field: 'to', message: `must not be after ${STATISTICS_LIMITS.lastMonth}` });
  if (to < from) errors.push({ field: 'to', message: 'must not be before from' });
  else if (monthIndex(to) - monthIndex(from) + 1 > STATISTICS_LIMITS.maxMonths) {
    errors.push({ field: 'to', message: `the range may span at most ${STATISTICS_LIMITS.maxMonths} months` });
  }
  if (errors.length > 0) throw new InvalidInputException(errors);
}

/** from ≤ to, within the bounds, at most 366 days: otherwise 400 naming the field. */
export function checkDateRange(from: string, to: string): void {
  const errors: FieldError[] = [];
  if (from < `${STATISTICS_LIMITS.firstMonth}-01`) errors.push({ field: 'from', message: `must not be before ${STATISTICS_LIMITS.firstMonth}-01` });
  if (to > `${STATISTICS_LIMITS.lastMonth}-31`) errors.push({ field: 'to', message: `must not be after ${STATISTICS_LIMITS.lastMonth}-31` });
  if (to < from) errors.push({ field: 'to', message: 'must not be before from' });
  else if (to > addDaysTo(from, STATISTICS_LIMITS.maxDays - 1)) {
    errors.push({ field: 'to', message: `the range may span at most ${STATISTICS_LIMITS.maxDays} days` });
  }
  if (errors.length > 0) throw new InvalidInputException(errors);
}

/** The year as a number within the bounds: otherwise 400 naming `year`. */
export function checkYear(year: string): number {
  const n = Number(year);
  if (n < STATISTICS_LIMITS.firstYear || n > STATISTICS_LIMITS.lastYear) {
    throw new InvalidInputException([{ field: 'year', message: `must be from ${STATISTICS_LIMITS.firstYear} to ${STATISTICS_LIMITS.lastYear}` }]);
  }
  return n;
}
