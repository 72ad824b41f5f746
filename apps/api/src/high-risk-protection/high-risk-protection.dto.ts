import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '../http/validators';

/** Försäkringskassan's decision on särskilt högriskskydd, with its validity. */
export class PutHighRiskProtectionDto {
  @ApiProperty({ example: '2026-01-01', format: 'date', description: 'First day the decision is valid' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ example: '2026-12-31', format: 'date', description: 'Last day the decision is valid (at most 3 660 days after from)' })
  @IsCalendarDate()
  to!: string;
}

export class HighRiskProtectionResultDto {
  @ApiProperty({ example: 'E1' }) employeeId!: string;
  @ApiProperty({ example: '2026-01-01', format: 'date' }) from!: string;
  @ApiProperty({ example: '2026-12-31', format: 'date' }) to!: string;
  @ApiProperty({ example: 0, description: 'Revision of the employee’s high-risk-protection stream, 0-based' }) version!: number;
  @ApiProperty({ example: '42', description: 'Global log position of the last event written (decimal string)' }) position!: string;
}
