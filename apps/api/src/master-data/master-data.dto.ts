import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GENDERS, Gender } from '@ledger/domain';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN, IsCalendarDate } from '../http/validators';
import { ListLimitQueryDto } from '../http/list-page';

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

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'The department above this one (the tree). Left out keeps the recorded parent; null makes a root. Unknown: 404; a cycle or the department itself: 422',
  })
  @IsOptional()
  @Matches(ID_PATTERN, { message: `parentId ${ID_MESSAGE}` })
  parentId?: string | null;
}

export class PutSubstituteDto {
  @ApiProperty({ description: 'First day of the appointment', example: '2026-07-01' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ description: 'Last day of the appointment (at most a year after from)', example: '2026-07-31' })
  @IsCalendarDate()
  to!: string;
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

  @ApiProperty({ minimum: 0, maximum: 100, description: 'Sysselsättningsgrad; 0 ends the employment from effectiveFrom (retention counts from that day)' })
  @IsInt()
  @Min(0)
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

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Personnummer, 12 digits. Left out keeps the recorded one; null clears it' })
  @IsOptional()
  @Matches(/^\d{12}$/, { message: 'personalIdentityNumber must be 12 digits' })
  personalIdentityNumber?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200, description: 'Full name. Left out keeps the recorded one; null clears it' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 254, description: 'E-mail address for reminders. Left out keeps the recorded one; null clears it' })
  @IsOptional()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string | null;
}

export class DepartmentListQueryDto extends ListLimitQueryDto {
  @ApiPropertyOptional({ description: 'Cursor: the `next` of the previous page (a departmentId)' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: `after ${ID_MESSAGE}` })
  after?: string;
}

export class EmployeeListQueryDto extends ListLimitQueryDto {
  @ApiPropertyOptional({ description: 'Only those who work in this department today' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: `departmentId ${ID_MESSAGE}` })
  departmentId?: string;

  @ApiPropertyOptional({ description: 'Cursor: the `next` of the previous page (an employeeId)' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: `after ${ID_MESSAGE}` })
  after?: string;
}

export class DepartmentSummaryDto {
  @ApiProperty() departmentId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) parentId!: string | null;
  @ApiProperty({ type: [String] }) managerIds!: string[];
}

export class DepartmentListDto {
  @ApiProperty({ type: [DepartmentSummaryDto] }) departments!: DepartmentSummaryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` for the next page; null on the last page' }) next!: string | null;
}

export class SubstituteDto {
  @ApiProperty() employeeId!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
}

export class NamedEmployeeDto {
  @ApiProperty() employeeId!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
}

export class DepartmentDetailDto extends DepartmentSummaryDto {
  @ApiProperty({ type: [SubstituteDto] }) substitutes!: SubstituteDto[];
  @ApiProperty({ type: [NamedEmployeeDto], description: 'Who works there today' }) employees!: NamedEmployeeDto[];
}

export class EmployeeListItemDto extends NamedEmployeeDto {
  @ApiProperty({ type: String, nullable: true, description: 'Where the employee works today' }) departmentId!: string | null;
}

export class EmployeeListDto {
  @ApiProperty({ type: [EmployeeListItemDto] }) employees!: EmployeeListItemDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` for the next page; null on the last page' }) next!: string | null;
}
