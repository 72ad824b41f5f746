import { AccessLog } from '@ledger/ledger';
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@ledger/domain';
import { AnnualReport, Discrepancy, STATISTICS_PROJECTION_NAME, SickLeaveReport } from '@ledger/projections';
import { CurrentActor, Roles } from '../auth/roles.decorator';
import { ReadYourWrites } from '../http/read-your-writes';
import { AnnualReportQuery } from './queries/annual-report.query';
import { DiscrepanciesQuery } from './queries/discrepancies.query';
import { ReportingLatencyQuery, ReportingLatencyResult } from './queries/reporting-latency.query';
import { SickLeaveQuery } from './queries/sick-leave.query';
import { StatisticsAccess } from './statistics-access';
import {
  AnnualReportQueryDto,
  DiscrepanciesQueryDto,
  ReportingLatencyQueryDto,
  SickLeaveQueryDto,
  checkDateRange,
  checkMonthRange,
  checkYear,
} from './statistics.dto';
import { ApiAccess, ApiProblems } from '../http/openapi';
import { AnnualReportDto, DiscrepancyDto, ReportingLatencyDto, SickLeaveReportDto } from './statistics-responses.dto';

const REGISTERED_NOW =
  'Statistics describe the absence registered now: the latest version of every case that is not withdrawn, attested or not. ';
const SCOPE = 'Managers see their own departments (403 otherwise, and for the whole organisation); HR and auditors see all. ';

@ApiTags('statistics')
@ApiBearerAuth()
@Controller('v1')
export class StatisticsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly access: StatisticsAccess,
    private readonly readYourWrites: ReadYourWrites,
    private readonly accessLog: AccessLog,
  ) {}

  @Get('stats/sick-leave')
  @Roles('manager', 'hr', 'auditor')
  @ApiOperation({
    summary: 'Sick leave per month: scheduled hours, sick hours and the rate',
    description:
      REGISTERED_NOW +
      SCOPE +
      'Scheduled hours are the ordinary working time (Monday–Friday at weeklyHours / 5 × employmentPercent / 100, not on public ' +
      'holidays nor midsommar-, jul- and nyårsafton); sick hours per day are scheduled hours × extentPercent / 100. An employee ' +
      'counts in the department they belonged to on each day; `employees` are those with scheduled hours in the department (or the ' +
      'organisation) that month. An open-ended sick case runs to the end of the range, never past today. Hours and ratePercent ' +
      'are rounded to 2 decimals (the rate from the unrounded hours); ratePercent is null without scheduled hours. At most 36 months.',
  })
  @ApiAccess('a manager for their own departments (not the whole organisation); hr and auditor for all')
  @ApiOkResponse({ type: SickLeaveReportDto })
  @ApiProblems(400, 403, 503)
  async sickLeave(@CurrentActor() actor: Actor, @Query() query: SickLeaveQueryDto): Promise<SickLeaveReport> {
    checkMonthRange(query.from, query.to);
    const departmentId = await this.access.figuresScope(actor, query.departmentId);
    await this.readYourWrites.await(STATISTICS_PROJECTION_NAME, query.minPosition);
    return this.queries.execute(new SickLeaveQuery(departmentId, query.from, query.to));
  }

  @Get('stats/annual-report')
  @Roles('manager', 'hr', 'auditor')
  @ApiOperation({
    summary: 'The statutory sick-leave figures of a year (municipal annual report)',
    description:
      REGISTERED_NOW +
      SCOPE +
      'Lag (1997:614) 4 kap. 1 a §, LKBR (2018:597) ch. 11: total sick absence as a percentage of ordinary working time; the share ' +
      'of sick hours in continuous sick absence of 60 days or more (longTermSharePercent; an open-ended case counts as running to ' +
      'today for that continuity); women, men and the age groups ≤29, 30–49, ≥50 (age reached during the year), each against the ' +
      'group’s own working time. A group of 10 or fewer employees is suppressed: `suppressed: true`, `ratePercent: null`; ' +
      'a unit of 10 or fewer shows no total and no long-term share (`total.suppressed`); when one of two complementary groups ' +
      '(women/men, the age groups) is suppressed, so is another, so that no suppressed figure can be worked out.',
  })
  @ApiAccess('a manager for their own departments (not the whole organisation); hr and auditor for all')
  @ApiOkResponse({ type: AnnualReportDto })
  @ApiProblems(400, 403, 503)
  async annualReport(@CurrentActor() actor: Actor, @Query() query: AnnualReportQueryDto): Promise<AnnualReport> {
    const year = checkYear(query.year);
    const departmentId = await this.access.figuresScope(actor, query.departmentId);
    await this.readYourWrites.await(STATISTICS_PROJECTION_NAME, query.minPosition);
    return this.queries.execute(new AnnualReportQuery(departmentId, year));
  }

  @Get('stats/reporting-latency')
  @Roles('manager', 'hr', 'auditor')
  @ApiOperation({
    summary: 'How late absence, return reports and attestations are recorded',
    description:
      REGISTERED_NOW +
      SCOPE +
      'A case counts in the month of its first absence day, in its department. Report latency = the first recorded report − 00:00 ' +
      'local time of the first day; return latency = the recorded return report − 24:00 local time of its lastDay (cases with a ' +
      'return report only); attestation latency = the first attestation − the first report. Hours to 2 decimals; medians and 90th ' +
      'percentiles interpolate linearly; null when there is nothing to measure. Late reports and returns follow the configured ' +
      'policy, echoed as `latePolicy`: LATE_REPORT_GRACE_HOURS (type=hours pairs, hours after 00:00 of the first day; types left ' +
      'out are never late; default sick=24,care_of_child=24) and LATE_RETURN_GRACE_HOURS (hours after 00:00 of the first day back; ' +
      'default 24). At most 36 months.',
  })
  @ApiAccess('a manager for their own departments (not the whole organisation); hr and auditor for all')
  @ApiOkResponse({ type: ReportingLatencyDto })
  @ApiProblems(400, 403, 503)
  async reportingLatency(@CurrentActor() actor: Actor, @Query() query: ReportingLatencyQueryDto): Promise<ReportingLatencyResult> {
    checkMonthRange(query.from, query.to);
    const departmentId = await this.access.figuresScope(actor, query.departmentId);
    await this.readYourWrites.await(STATISTICS_PROJECTION_NAME, query.minPosition);
    return this.queries.execute(new ReportingLatencyQuery(departmentId, query.from, query.to, query.type));
  }

  @Get('discrepancies')
  @Roles('manager', 'hr', 'auditor')
  @ApiOperation({
    summary: 'Observations that disagree with the registered absence',
    description:
      'For each employee and day in [from, to] the latest observation counts. "absent" on a day no registered absence covers is ' +
      '`unreported_absence` (absenceId null); "present" on a day whose active absences add up to 100 % is `absent_but_working` ' +
      '(absenceId: the covering case with the largest extent). An entry disappears as soon as the ledger agrees. Each entry also ' +
      'names the departmentId the employee belonged to that day. Managers see their own departments (without departmentId: all ' +
      'of them); HR and auditors see all. Sorted by date, then employeeId. At most 366 days.',
  })
  @ApiAccess('a manager for their own departments; hr and auditor for all')
  @ApiOkResponse({ type: [DiscrepancyDto] })
  @ApiProblems(400, 403, 503)
  async discrepancies(@CurrentActor() actor: Actor, @Query() query: DiscrepanciesQueryDto) {
    checkDateRange(query.from, query.to);
    // A manager's own departments come from the master-data read model: it waits for minPosition too.
    if (query.departmentId === undefined) await this.readYourWrites.await('master-data', query.minPosition);
    const departmentIds = await this.access.discrepancyScope(actor, query.departmentId);
    await this.readYourWrites.await(STATISTICS_PROJECTION_NAME, query.minPosition);
    const found = await this.queries.execute<DiscrepanciesQuery, Discrepancy[]>(new DiscrepanciesQuery(departmentIds, query.from, query.to));
    // A discrepancy says whether someone was absent on a day: recorded in the access log like any health-data read.
    await this.accessLog.record(actor, found.map((d) => d.employeeId), { what: 'discrepancies', absenceId: null, departmentId: query.departmentId ?? null, asOf: null });
    return found.map((d) => ({
      employeeId: d.employeeId,
      date: d.date,
      kind: d.kind,
      observation: d.observation,
      absenceId: d.absenceId,
      departmentId: d.departmentId,
    }));
  }
}
