import { ApiProperty } from '@nestjs/swagger';
import { ABSENCE_TYPES, CHANNELS } from '@ledger/domain';

/** Response schemas of the absence routes (OpenAPI only: the handlers return plain objects of these shapes). */

export const ABSENCE_ID_EXAMPLE = '3f0c5d52-9a4e-4f7b-8d0e-2b1c6a7e9f10';

/** What every absence command answers. */
export class AbsenceCommandResultDto {
  @ApiProperty({ example: ABSENCE_ID_EXAMPLE, format: 'uuid' })
  absenceId!: string;
  @ApiProperty({ example: 0, description: 'Stream revision after the command, 0-based' })
  version!: number;
  @ApiProperty({ example: '1042', description: 'Global log position of the last event written (a decimal string; may exceed 2^53)' })
  position!: string;
}

export class MedicalCertificateViewDto {
  @ApiProperty({ example: '2026-03-09', format: 'date' }) from!: string;
  @ApiProperty({ example: '2026-03-22', format: 'date' }) to!: string;
  @ApiProperty({ example: 100, minimum: 1, maximum: 100 }) extentPercent!: number;
}

/** One case as registered (or as known at asOf). */
export class AbsenceViewDto {
  @ApiProperty({ example: ABSENCE_ID_EXAMPLE, format: 'uuid' }) absenceId!: string;
  @ApiProperty({ example: 'E1' }) employeeId!: string;
  @ApiProperty({ example: 'D1', description: 'The department the employee belonged to on the first day' }) departmentId!: string;
  @ApiProperty({ enum: ABSENCE_TYPES, example: 'sick' }) type!: string;
  @ApiProperty({ example: '2026-03-02', format: 'date' }) from!: string;
  @ApiProperty({ example: null, format: 'date', nullable: true, type: String, description: 'null while open-ended' }) to!: string | null;
  @ApiProperty({ example: 100, minimum: 1, maximum: 100 }) extentPercent!: number;
  @ApiProperty({ enum: ['reported', 'attested', 'rejected', 'withdrawn'], example: 'reported' }) status!: string;
  @ApiProperty({ example: 0, description: 'Stream revision, 0-based' }) version!: number;
  @ApiProperty({ example: '2026-03-02T06:12:00.000Z', format: 'date-time' }) reportedAt!: string;
  @ApiProperty({ example: '2026-03-02T06:12:00.000Z', format: 'date-time', description: 'SjLL 8 §: when the employer was notified (the recording time unless a manager or HR stated another)' })
  employerNotifiedAt!: string;
  @ApiProperty({ example: false, description: 'The latest attestation found the employee prevented from reporting (SjLL 8 §)' }) preventedFromReporting!: boolean;
  @ApiProperty({ example: null, nullable: true, type: Number }) attestedVersion!: number | null;
  @ApiProperty({ example: null, nullable: true, type: String }) attestedBy!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String, format: 'date-time' }) attestedAt!: string | null;
  @ApiProperty({ enum: ['manager', 'substitute', 'manager_above'], nullable: true, example: null, description: 'The capacity the last attestation was made in' })
  attestedAs!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String, description: 'Why the case was returned for correction, while it is' })
  rejectionReason!: string | null;
  @ApiProperty({ enum: CHANNELS, nullable: true, example: 'web' }) channel!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String, format: 'date-time' }) returnReportedAt!: string | null;
  @ApiProperty({ type: [MedicalCertificateViewDto] }) medicalCertificates!: MedicalCertificateViewDto[];
}

export class EventActorDto {
  @ApiProperty({ example: 'E1' }) sub!: string;
  @ApiProperty({ example: ['employee'], type: [String] }) roles!: string[];
}

export class AbsenceHistoryEventDto {
  @ApiProperty({ example: 0 }) version!: number;
  @ApiProperty({ example: '1042' }) position!: string;
  @ApiProperty({ example: 'AbsenceReported' }) type!: string;
  @ApiProperty({ example: '2026-03-02T06:12:00.000Z', format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: EventActorDto }) actor!: EventActorDto;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { type: 'sick', from: '2026-03-02', to: null, extentPercent: 100 } })
  data!: Record<string, unknown>;
  @ApiProperty({ example: '', description: 'Hash of the previous event of the stream (empty for the first)' }) prevHash!: string;
  @ApiProperty({ example: '9c1185a5c5e9fc54612808977ee8f548b2258d31f2f0b1a1c6d1e5f1a0c3b2d4', description: 'sha256(prevHash + canonical event)' })
  hash!: string;
}

export class AbsenceHistoryDto {
  @ApiProperty({ example: ABSENCE_ID_EXAMPLE, format: 'uuid' }) absenceId!: string;
  @ApiProperty({ type: [AbsenceHistoryEventDto] }) events!: AbsenceHistoryEventDto[];
}

export class EmployeeAbsencesDto {
  @ApiProperty({ example: 'E1' }) employeeId!: string;
  @ApiProperty({ example: '2026-03-01', format: 'date' }) from!: string;
  @ApiProperty({ example: '2026-03-31', format: 'date' }) to!: string;
  @ApiProperty({ example: null, nullable: true, type: String, format: 'date-time' }) asOf!: string | null;
  @ApiProperty({ type: [AbsenceViewDto] }) absences!: AbsenceViewDto[];
}
