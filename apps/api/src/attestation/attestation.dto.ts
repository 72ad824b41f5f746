import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Min } from 'class-validator';
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
