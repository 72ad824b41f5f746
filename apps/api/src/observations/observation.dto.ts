import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OBSERVATION_KINDS, OBSERVATION_LIMITS, OBSERVATION_SOURCES, ObservationKind, ObservationSource } from '@ledger/domain';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN, IsCalendarDate } from '../http/validators';

/** POST /v1/observations: what a schedule, a time clock, staffing or a manager saw on a day. */
export class RecordObservationDto {
  @ApiProperty()
  @IsString()
  @Matches(ID_PATTERN, { message: `employeeId ${ID_MESSAGE}` })
  employeeId!: string;

  @ApiProperty({ example: '2026-03-09', description: 'The day observed (Stockholm); today at the latest' })
  @IsCalendarDate()
  date!: string;

  @ApiProperty({ enum: OBSERVATION_KINDS })
  @IsIn(OBSERVATION_KINDS)
  kind!: ObservationKind;

  @ApiProperty({ enum: OBSERVATION_SOURCES })
  @IsIn(OBSERVATION_SOURCES)
  source!: ObservationSource;

  @ApiPropertyOptional({ maxLength: OBSERVATION_LIMITS.noteMaxLength })
  @IsOptional()
  @IsString()
  @MaxLength(OBSERVATION_LIMITS.noteMaxLength)
  note?: string;
}

export class ObservationResultDto {
  @ApiProperty() employeeId!: string;
  @ApiProperty({ description: 'Revision of the employee’s observations stream after the command, 0-based' }) version!: number;
  @ApiProperty({ description: 'Global log position of the last event written (decimal string)' }) position!: string;
}
