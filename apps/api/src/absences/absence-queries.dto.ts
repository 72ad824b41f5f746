import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate, IsRfc3339 } from '../http/validators';
import { MinPositionQueryDto } from '../http/read-your-writes';

export class AsOfQueryDto {
  @ApiPropertyOptional({ description: 'Only events recorded at or before this instant (ISO 8601)' })
  @IsOptional()
  @IsRfc3339()
  asOf?: string;
}

export class EmployeeAbsencesQueryDto extends MinPositionQueryDto {
  @ApiProperty() @IsCalendarDate() from!: string;
  @ApiProperty() @IsCalendarDate() to!: string;

  @ApiPropertyOptional({ description: 'As known at this instant (default: now)' })
  @IsOptional()
  @IsRfc3339()
  asOf?: string;
}
