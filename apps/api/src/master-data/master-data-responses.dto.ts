import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GENDERS } from '@ledger/domain';

/** Response schemas of the master-data routes (OpenAPI). */

export class DepartmentResultDto {
  @ApiProperty({ example: 'D1' }) departmentId!: string;
  @ApiProperty({ example: 0, description: 'Stream revision after the command, 0-based' }) version!: number;
  @ApiProperty({ example: '17', description: 'Global log position of the last event written (decimal string)' }) position!: string;
}

export class EmployeeResultDto {
  @ApiProperty({ example: 'E1' }) employeeId!: string;
  @ApiProperty({ example: 0, description: 'Stream revision after the command, 0-based' }) version!: number;
  @ApiProperty({ example: '18', description: 'Global log position of the last event written (decimal string)' }) position!: string;
}

export class SubstituteResultDto {
  @ApiProperty({ example: 'D1' }) departmentId!: string;
  @ApiProperty({ example: 'E2' }) employeeId!: string;
  @ApiProperty({ example: 3, description: "The department stream's revision after the command, 0-based" }) version!: number;
  @ApiProperty({ example: '42', description: 'Global log position of the last event written (decimal string)' }) position!: string;
}

export class EmploymentDto {
  @ApiProperty({ example: '2024-01-01', format: 'date' }) effectiveFrom!: string;
  @ApiProperty({ example: 'D1' }) departmentId!: string;
  @ApiProperty({ example: 100, description: 'Sysselsättningsgrad 0–100 (0 ends the employment)' }) employmentPercent!: number;
  @ApiProperty({ example: 40 }) weeklyHours!: number;
}

export class EmployeeDto {
  @ApiProperty({ example: 'E1' }) employeeId!: string;
  @ApiProperty({ example: 'Eva Ek', nullable: true, type: String }) name!: string | null;
  @ApiProperty({ example: 'eva.ek@example.org', nullable: true, type: String }) email!: string | null;
  @ApiProperty({ enum: GENDERS, example: 'female' }) gender!: string;
  @ApiProperty({ example: 1980 }) birthYear!: number;
  @ApiPropertyOptional({ example: '198001012384', nullable: true, type: String, description: 'hr and integration only' })
  personalIdentityNumber?: string | null;
  @ApiProperty({ type: EmploymentDto, nullable: true, description: 'The employment in force today, or null' }) current!: EmploymentDto | null;
  @ApiProperty({ type: [EmploymentDto] }) history!: EmploymentDto[];
}
