import { ApiProperty } from '@nestjs/swagger';

/** Responses of /v1/audit (OpenAPI schemas). */
export class IntegrityFailureDto {
  @ApiProperty({ type: String, nullable: true, example: 'absence-3f0c5d52-9a4e-4f7b-8d0e-2b1c6a7e9f10' }) streamId!: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 2, description: 'stream revision (0-based)' }) version!: number | null;
  @ApiProperty({ type: String, nullable: true, example: '48213', description: 'global log position (decimal string)' }) position!: string | null;
  @ApiProperty({ example: 'a sealed event is missing from the log (deleted)' }) reason!: string;
}

export class VerifyResultDto {
  @ApiProperty({ example: 1204 }) streamsChecked!: number;
  @ApiProperty({ example: 5310 }) eventsChecked!: number;
  @ApiProperty({ example: true }) ok!: boolean;
  @ApiProperty({ type: [IntegrityFailureDto], example: [], description: 'at most 1 000; failuresTruncated says when more were found' })
  failures!: IntegrityFailureDto[];
  @ApiProperty({ example: false }) failuresTruncated!: boolean;
  @ApiProperty({ type: String, nullable: true, example: '5310', description: 'position of the last event checked' }) headPosition!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '5310', description: 'position of the last event sealed when the run started' })
  sealedThrough!: string | null;
  @ApiProperty({ example: 0, description: 'events after the seal head, checked by their stream chain only' }) unsealedEvents!: number;
}

export class VerifyDigestResultDto {
  @ApiProperty({ example: true }) ok!: boolean;
  @ApiProperty({ type: [IntegrityFailureDto], example: [] }) failures!: IntegrityFailureDto[];
  @ApiProperty({ example: 5310, description: 'events checked up to the digest position' }) eventsChecked!: number;
}

export class AccessLogReaderDto {
  @ApiProperty({ example: 'M7' }) sub!: string;
  @ApiProperty({ example: ['employee', 'manager'] }) roles!: string[];
}

export class AccessLogEntryDto {
  @ApiProperty({ example: '2026-12-03T09:12:44.120Z', description: 'when it was read' }) at!: string;
  @ApiProperty({ type: AccessLogReaderDto }) reader!: AccessLogReaderDto;
  @ApiProperty({ enum: ['absence', 'history', 'employee_absences', 'pending_attestations', 'discrepancies'], example: 'absence' }) what!: string;
  @ApiProperty({ type: String, nullable: true, example: '3f0c5d52-9a4e-4f7b-8d0e-2b1c6a7e9f10' }) absenceId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'D12' }) departmentId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'the asOf the reader asked for' }) asOf!: string | null;
}

export class AccessLogDto {
  @ApiProperty({ example: 'E1042' }) employeeId!: string;
  @ApiProperty({ example: '2026-01-01' }) from!: string;
  @ApiProperty({ example: '2026-12-31' }) to!: string;
  @ApiProperty({ type: [AccessLogEntryDto] }) entries!: AccessLogEntryDto[];
}
