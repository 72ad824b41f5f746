import { ApiProperty } from '@nestjs/swagger';
import { ABSENCE_TYPES } from '@ledger/domain';

/** Response schemas of the statistics routes (OpenAPI). */

export class HoursTotalDto {
  @ApiProperty({ example: 1680 }) scheduledHours!: number;
  @ApiProperty({ example: 92.5 }) sickHours!: number;
  @ApiProperty({ example: 5.51, nullable: true, type: Number }) ratePercent!: number | null;
}

export class SickLeaveMonthDto extends HoursTotalDto {
  @ApiProperty({ example: '2026-03' }) month!: string;
  @ApiProperty({ example: 12 }) employees!: number;
}

export class SickLeaveReportDto {
  @ApiProperty({ example: 'D1', nullable: true, type: String }) departmentId!: string | null;
  @ApiProperty({ type: [SickLeaveMonthDto] }) months!: SickLeaveMonthDto[];
  @ApiProperty({ type: HoursTotalDto }) total!: HoursTotalDto;
}

export class GroupFigureDto {
  @ApiProperty({ example: 14 }) employees!: number;
  @ApiProperty({ example: 4.2, nullable: true, type: Number, description: 'null when suppressed' }) ratePercent!: number | null;
  @ApiProperty({ example: false }) suppressed!: boolean;
}

/** The annual report's total: all null and `suppressed` for a unit of 10 or fewer employees. */
export class AnnualTotalDto {
  @ApiProperty({ example: 1680, nullable: true, type: Number, description: 'null when suppressed' }) scheduledHours!: number | null;
  @ApiProperty({ example: 92.5, nullable: true, type: Number, description: 'null when suppressed' }) sickHours!: number | null;
  @ApiProperty({ example: 5.51, nullable: true, type: Number, description: 'null when suppressed' }) ratePercent!: number | null;
  @ApiProperty({ example: false, description: 'true for a unit of 10 or fewer employees (Lag 1997:614 4 kap. 1 a §)' }) suppressed!: boolean;
}

export class AnnualReportDto {
  @ApiProperty({ example: 'D1', nullable: true, type: String }) departmentId!: string | null;
  @ApiProperty({ example: 2025 }) year!: number;
  @ApiProperty({ example: 25 }) employees!: number;
  @ApiProperty({ type: AnnualTotalDto }) total!: AnnualTotalDto;
  @ApiProperty({ example: 31.4, nullable: true, type: Number, description: 'null when suppressed' }) longTermSharePercent!: number | null;
  @ApiProperty({ type: GroupFigureDto }) women!: GroupFigureDto;
  @ApiProperty({ type: GroupFigureDto }) men!: GroupFigureDto;
  @ApiProperty({ type: GroupFigureDto }) age29OrYounger!: GroupFigureDto;
  @ApiProperty({ type: GroupFigureDto }) age30To49!: GroupFigureDto;
  @ApiProperty({ type: GroupFigureDto }) age50OrOlder!: GroupFigureDto;
}

export class ReportLatencyDto {
  @ApiProperty({ example: 10 }) count!: number;
  @ApiProperty({ example: 2 }) lateCount!: number;
  @ApiProperty({ example: 20, nullable: true, type: Number }) latePercent!: number | null;
  @ApiProperty({ example: 7.5, nullable: true, type: Number }) medianHours!: number | null;
  @ApiProperty({ example: 30.2, nullable: true, type: Number }) p90Hours!: number | null;
}

export class ReturnLatencyDto {
  @ApiProperty({ example: 6 }) count!: number;
  @ApiProperty({ example: 1 }) lateCount!: number;
  @ApiProperty({ example: 16.67, nullable: true, type: Number }) latePercent!: number | null;
  @ApiProperty({ example: 0, nullable: true, type: Number }) medianHours!: number | null;
}

export class AttestationLatencyDto {
  @ApiProperty({ example: 9 }) count!: number;
  @ApiProperty({ example: 26.1, nullable: true, type: Number }) medianHours!: number | null;
  @ApiProperty({ example: 70, nullable: true, type: Number }) p90Hours!: number | null;
}

export class LatencyFiguresDto {
  @ApiProperty({ type: ReportLatencyDto }) reports!: ReportLatencyDto;
  @ApiProperty({ type: ReturnLatencyDto }) returns!: ReturnLatencyDto;
  @ApiProperty({ type: AttestationLatencyDto }) attestations!: AttestationLatencyDto;
}

export class LatencyMonthDto extends LatencyFiguresDto {
  @ApiProperty({ example: '2026-03' }) month!: string;
}

export class LatePolicyDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { sick: 24, care_of_child: 24 } })
  reportGraceHours!: Record<string, number>;
  @ApiProperty({ example: 24 }) returnGraceHours!: number;
}

export class ReportingLatencyDto {
  @ApiProperty({ example: 'D1', nullable: true, type: String }) departmentId!: string | null;
  @ApiProperty({ enum: ABSENCE_TYPES, nullable: true, example: null }) type!: string | null;
  @ApiProperty({ type: [LatencyMonthDto] }) months!: LatencyMonthDto[];
  @ApiProperty({ type: LatencyFiguresDto }) total!: LatencyFiguresDto;
  @ApiProperty({ type: LatePolicyDto }) latePolicy!: LatePolicyDto;
}

export class ObservationRefDto {
  @ApiProperty({ example: 'timeclock' }) source!: string;
  @ApiProperty({ example: '2026-03-09T16:00:00.000Z', format: 'date-time' }) recordedAt!: string;
}

export class DiscrepancyDto {
  @ApiProperty({ example: 'E1' }) employeeId!: string;
  @ApiProperty({ example: '2026-03-09', format: 'date' }) date!: string;
  @ApiProperty({ enum: ['unreported_absence', 'absent_but_working'], example: 'unreported_absence' }) kind!: string;
  @ApiProperty({ type: ObservationRefDto }) observation!: ObservationRefDto;
  @ApiProperty({ example: null, nullable: true, type: String }) absenceId!: string | null;
  @ApiProperty({ example: 'D1', nullable: true, type: String }) departmentId!: string | null;
}
