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
