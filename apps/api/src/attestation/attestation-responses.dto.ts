import { ApiProperty } from '@nestjs/swagger';
import { AbsenceViewDto } from '../absences/absence-responses.dto';

/** GET /v1/departments/{departmentId}/pending-attestations (OpenAPI schema). */
export class PendingAttestationsDto {
  @ApiProperty({ example: 'D1' }) departmentId!: string;
  @ApiProperty({ type: [AbsenceViewDto], description: 'Cases waiting for attestation, earliest report first' })
  absences!: AbsenceViewDto[];
}
