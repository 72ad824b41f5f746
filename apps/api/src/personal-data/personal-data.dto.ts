import { ApiProperty } from '@nestjs/swagger';
import { ERASURE_REASON_MAX_LENGTH } from '@ledger/domain';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class ErasureDto {
  @ApiProperty({
    maxLength: ERASURE_REASON_MAX_LENGTH,
    description: 'Why the person is erased (e.g. "Begäran enligt art. 17, ärende 2026/123"). Stored in plain text as the record of the erasure: write no personal data here.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(ERASURE_REASON_MAX_LENGTH)
  reason!: string;
}

export class ErasureResponse {
  @ApiProperty() employeeId!: string;
  @ApiProperty({ description: 'Revision of the personal-data stream after the erasure' }) version!: number;
  @ApiProperty({ description: 'Global position (decimal string)' }) position!: string;
  @ApiProperty({ description: 'Whether this call erased the person (false: already erased)' }) erased!: boolean;
  @ApiProperty({ description: 'Keys destroyed by this call', type: Number }) keysDestroyed!: number;
}

export class HistoryEntryDto {
  @ApiProperty({ example: 0 }) version!: number;
  @ApiProperty({ example: '12' }) position!: string;
  @ApiProperty({ example: 'AbsenceReported' }) type!: string;
  @ApiProperty({ example: '2026-03-02T07:12:00.000Z' }) recordedAt!: string;
  @ApiProperty({ example: { sub: 'E1', roles: ['employee'] } }) actor!: { sub: string; roles: string[] };
  @ApiProperty({ type: Object, description: 'The event as recorded; personal fields opened, or null once erased' }) data!: Record<string, unknown>;
}

export class ErasureStateDto {
  @ApiProperty() erased!: boolean;
  @ApiProperty({ type: String, nullable: true }) erasedAt!: string | null;
  @ApiProperty({ type: [String], description: 'Key categories destroyed by retention (e.g. text-2023)' }) retentionApplied!: string[];
  @ApiProperty({ type: [HistoryEntryDto] }) history!: HistoryEntryDto[];
}

export class PersonalMasterDataDto {
  @ApiProperty({ example: 'E1' }) employeeId!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '197303149806' }) personalIdentityNumber!: string | null;
  @ApiProperty({ example: 'female' }) gender!: string;
  @ApiProperty({ example: 1973 }) birthYear!: number;
  @ApiProperty({ type: [Object] }) employments!: unknown[];
  @ApiProperty({ type: [HistoryEntryDto] }) history!: HistoryEntryDto[];
}

export class PersonalDataCopyDto {
  @ApiProperty({ example: 'E1' }) employeeId!: string;
  @ApiProperty({ example: '2026-12-03T20:00:00.000Z' }) generatedAt!: string;
  @ApiProperty({ type: ErasureStateDto }) erasure!: ErasureStateDto;
  @ApiProperty({ type: PersonalMasterDataDto }) masterData!: PersonalMasterDataDto;
  @ApiProperty({ type: [Object], description: 'Every absence case of the person (withdrawn ones too), each with its `history` of events' })
  cases!: unknown[];
  @ApiProperty({ type: [Object], description: 'Reminders addressed to the person that are open' }) reminders!: unknown[];
  @ApiProperty({ type: [Object], description: 'Who read the person’s health data, when and what' }) accessLog!: unknown[];
}
