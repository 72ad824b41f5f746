import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { ListLimitQueryDto } from '../http/list-page';
import { PENDING_FLAGS } from './pending-flags';
import { ReasonedChangeDto } from '../absences/absence.dto';

export class AttestAbsenceDto {
  @ApiProperty({ description: 'The exact version being attested' })
  @IsInt()
  @Min(0)
  expectedVersion!: number;

  @ApiPropertyOptional({
    description:
      'SjLL 8 §: the employee was prevented from reporting and reported as soon as the hindrance ended: the sick days before ' +
      'the notification are paid as the period’s first (otherwise they are `SJK` with unpaidReason `not_reported`).',
  })
  @IsOptional()
  @IsBoolean()
  preventedFromReporting?: boolean;
}

/** Returned to the employee for correction: the reason is required. */
export class RejectAbsenceDto extends ReasonedChangeDto {}

export class PendingAttestationsQueryDto extends ListLimitQueryDto {
  @ApiPropertyOptional({ description: 'Cursor: the `next` of the previous page (`<first day>|<absenceId>`)', maxLength: 80 })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  @Matches(/^\d{4}-\d{2}-\d{2}\|[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'after must be the next of a previous page' })
  after?: string;
}

export class PendingAttestationDto {
  @ApiProperty() absenceId!: string;
  @ApiProperty() employeeId!: string;
  @ApiProperty({ type: String, nullable: true }) employeeName!: string | null;
  @ApiProperty({ description: "The case's own department" }) departmentId!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ description: 'First day' }) from!: string;
  @ApiProperty({ type: String, nullable: true }) to!: string | null;
  @ApiProperty() extentPercent!: number;
  @ApiProperty() version!: number;
  @ApiProperty() reportedAt!: string;
  @ApiProperty({ enum: ['reported', 'withdrawn'] }) status!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The department below whose case came up to this one (its only manager\'s own absence, say)' })
  routedFrom!: string | null;
  @ApiProperty({ type: [String], description: `What the reader should know: ${PENDING_FLAGS.join(', ')}, …` })
  flags!: string[];
}

export class PendingAttestationsPageDto {
  @ApiProperty() departmentId!: string;
  @ApiProperty({ type: [PendingAttestationDto] }) items!: PendingAttestationDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` for the next page; null on the last page' }) next!: string | null;
}
