import { ApiProperty } from '@nestjs/swagger';

/** Response schemas of the payroll routes (OpenAPI). */

export class PayrollLineDto {
  @ApiProperty({ example: 'E1:2026-03-02:5e0b1c9d2a7f4e31', description: 'Opaque, deterministic' }) lineId!: string;
  @ApiProperty({ example: 'E1' }) employeeId!: string;
  @ApiProperty({ example: '3f0c5d52-9a4e-4f7b-8d0e-2b1c6a7e9f10' }) absenceId!: string;
  @ApiProperty({ example: '2026-03-02', format: 'date', description: 'For an adjustment line, the original day' }) date!: string;
  @ApiProperty({ example: 'sick' }) type!: string;
  @ApiProperty({ example: 'SJK_KAR', description: 'PAXml tidkod' }) code!: string;
  @ApiProperty({ example: 8, description: 'Signed on adjustment lines' }) hours!: number;
  @ApiProperty({ example: 100 }) extentPercent!: number;
  @ApiProperty({ example: 1, nullable: true, type: Number, description: 'Calendar day within the chained sick period' }) sickDay!: number | null;
  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    enum: ['not_reported'],
    description: 'not_reported: a sick day before the employer was notified (SjLL 8 §), coded SJK, unpaid',
  })
  unpaidReason!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String, description: 'YYYY-MM of the locked period an adjustment line adjusts' })
  adjustsPeriod!: string | null;
  @ApiProperty({ example: 'M1' }) attestedBy!: string;
  @ApiProperty({ example: '2026-03-03T09:00:00.000Z', format: 'date-time' }) attestedAt!: string;
  @ApiProperty({
    type: [String],
    example: [],
    description:
      'high_risk_protection: a day 1–14 under särskilt högriskskydd, claim the sick pay back from Försäkringskassan; ' +
      'extent_not_payable_from_day_15: an extent other than 25/50/75/100 % from sick day 15',
  })
  flags!: string[];
}

export class PayrollLinesPageDto {
  @ApiProperty({ example: '2026-03' }) period!: string;
  @ApiProperty({ enum: ['open', 'locked'], example: 'open' }) status!: string;
  @ApiProperty({ type: [PayrollLineDto] }) lines!: PayrollLineDto[];
  @ApiProperty({ example: null, nullable: true, type: String, description: 'Pass as `after` for the next page; null on the last' }) next!: string | null;
}

export class LockPayrollPeriodResultDto {
  @ApiProperty({ example: '2026-03' }) period!: string;
  @ApiProperty({ enum: ['locked'], example: 'locked' }) status!: string;
  @ApiProperty({ example: 0 }) version!: number;
  @ApiProperty({ example: '2210' }) position!: string;
  @ApiProperty({ example: 3, description: 'Cases with days in the period whose latest version is not attested: their days are paid later, as adjustments' })
  unattestedCases!: number;
  @ApiProperty({ example: ['2026-01'], type: [String], description: 'Months before this one, from the earliest locked period on, that are still open' })
  openEarlierPeriods!: string[];
}

export class PayrollExportJsonDto {
  @ApiProperty({ example: '2026-03' }) period!: string;
  @ApiProperty({ enum: ['open', 'locked'], example: 'locked' }) status!: string;
  @ApiProperty({ example: '2026-04-02T08:00:00.000Z', format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ type: [PayrollLineDto] }) lines!: PayrollLineDto[];
}
