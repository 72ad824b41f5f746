import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';
import { ReasonedChangeDto } from '../absences/absence.dto';

export class AttestAbsenceDto {
  @ApiProperty({ description: 'The exact version being attested' })
  @IsInt()
  @Min(0)
  expectedVersion!: number;
}

/** Returned to the employee for correction: the reason is required. */
export class RejectAbsenceDto extends ReasonedChangeDto {}
