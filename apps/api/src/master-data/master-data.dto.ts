import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GENDERS, Gender } from '@ledger/domain';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN, IsCalendarDate } from '../http/validators';

export class PutDepartmentDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ type: [String], description: 'Employee ids of the managers who attest for this department' })
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(ID_PATTERN, { each: true, message: `each managerId ${ID_MESSAGE}` })
  managerIds!: string[];
}

export class PutEmployeeDto {
  @ApiProperty()
  @IsString()
  @Matches(ID_PATTERN, { message: `departmentId ${ID_MESSAGE}` })
  departmentId!: string;

  @ApiProperty({ enum: GENDERS })
  @IsIn(GENDERS)
  gender!: Gender;

  @ApiProperty({ minimum: 1900, maximum: 2100 })
  @IsInt()
  @Min(1900)
  @Max(2100)
  birthYear!: number;

  @ApiProperty({ minimum: 1, maximum: 100 })
  @IsInt()
  @Min(1)
  @Max(100)
  employmentPercent!: number;

  @ApiPropertyOptional({ default: 40, minimum: 1, maximum: 60 })
  @IsOptional()
  @Min(1)
  @Max(60)
  @IsInt()
  weeklyHours?: number;

  @ApiProperty({ description: 'The employment below holds from this date on' })
  @IsCalendarDate()
  effectiveFrom!: string;

  @ApiPropertyOptional({ description: 'Personnummer, 12 digits' })
  @IsOptional()
  @Matches(/^\d{12}$/, { message: 'personalIdentityNumber must be 12 digits' })
  personalIdentityNumber?: string;
}
