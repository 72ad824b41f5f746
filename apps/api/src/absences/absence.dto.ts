import { Transform } from 'class-transformer';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ABSENCE_TYPES, AbsenceType, CHANNELS, Channel } from '@ledger/domain';
import {
  IsISO8601,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { ID_MESSAGE, ID_PATTERN, IsCalendarDate } from '../http/validators';

export class ReportAbsenceDto {
  @ApiPropertyOptional({ description: 'Client-chosen id (UUID; stored in lower case, so upper and lower case name the same case); the same id with the same body is a safe retry' })
  @IsOptional()
  @IsUUID()
  @Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : value))
  absenceId?: string;

  @ApiProperty()
  @IsString()
  @Matches(ID_PATTERN, { message: `employeeId ${ID_MESSAGE}` })
  employeeId!: string;

  @ApiProperty({ enum: ABSENCE_TYPES })
  @IsIn(ABSENCE_TYPES)
  type!: AbsenceType;

  @ApiProperty({ example: '2026-11-23' })
  @IsCalendarDate()
  from!: string;

  @ApiPropertyOptional({ description: 'Last day; only sick and care_of_child may leave it out until the return report' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 100 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  extentPercent?: number;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-03-09T06:30:00Z',
    description:
      'SjLL 8 §: when the employee told the employer, for a report a manager or HR registers on their behalf (by phone, say). ' +
      'Manager or HR only (403 otherwise); not in the future, not more than a year before `from` (422). Default: the recording time.',
  })
  @IsOptional()
  @IsTimestamp()
  employerNotifiedAt?: string;
}

/** An RFC 3339 timestamp with a time zone (`Z` or `±hh:mm`). */
export function IsTimestamp() {
  return (object: object, propertyName: string) => {
    IsString()(object, propertyName);
    MaxLength(35)(object, propertyName);
    IsISO8601({ strict: true, strictSeparator: true }, { message: `${propertyName} must be an RFC 3339 timestamp` })(object, propertyName);
    Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/, { message: `${propertyName} must be an RFC 3339 timestamp with Z or an offset` })(object, propertyName);
  };
}

/** Friskanmälan. */
export class ReportReturnDto {
  @ApiProperty({ description: 'The last day of absence' })
  @IsCalendarDate()
  lastDay!: string;
}

export class CorrectAbsenceDto {
  @ApiPropertyOptional({ enum: ABSENCE_TYPES })
  @IsOptional()
  @IsIn(ABSENCE_TYPES)
  type?: AbsenceType;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  extentPercent?: number;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'SjLL 8 §: a corrected notification time (manager or HR only). An attested case then needs a new attestation.',
  })
  @IsOptional()
  @IsTimestamp()
  employerNotifiedAt?: string;

  @ApiProperty({ maxLength: 500 })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number;
}

/** A change that must say why, optionally bound to the version the caller saw. */
export class ReasonedChangeDto {
  @ApiProperty({ maxLength: 500 })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number;
}

export class WithdrawAbsenceDto extends ReasonedChangeDto {}

export class MedicalCertificateDto {
  @ApiProperty()
  @IsCalendarDate()
  from!: string;

  @ApiProperty()
  @IsCalendarDate()
  to!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 100 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  extentPercent?: number;
}

export class CommandResultDto {
  @ApiProperty() absenceId!: string;
  @ApiProperty({ description: 'Stream revision after the command, 0-based' }) version!: number;
  @ApiProperty({ description: 'Global log position of the last event written (decimal string)' }) position!: string;
}
