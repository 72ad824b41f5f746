import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { IsCalendarDate } from '../http/validators';
import { MinPositionQueryDto } from '../http/read-your-writes';

export class AsOfQueryDto {
  @ApiPropertyOptional({ description: 'Only events recorded at or before this instant (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  asOf?: string;
}

export class EmployeeAbsencesQueryDto extends MinPositionQueryDto {
  @ApiProperty() @IsCalendarDate() from!: string;
  @ApiProperty() @IsCalendarDate() to!: string;

  @ApiPropertyOptional({ description: 'As known at this instant (default: now)' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  asOf?: string;
}
