import { ApiProperty } from '@nestjs/swagger';

/** GET /v1/audit/verify (OpenAPI schemas). */
export class ChainFailureDto {
  @ApiProperty({ example: 'absence-3f0c5d52-9a4e-4f7b-8d0e-2b1c6a7e9f10' }) streamId!: string;
  @ApiProperty({ example: 2 }) version!: number;
  @ApiProperty({ example: 'hash mismatch' }) reason!: string;
}

export class VerifyResultDto {
  @ApiProperty({ example: 1204 }) streamsChecked!: number;
  @ApiProperty({ example: 5310 }) eventsChecked!: number;
  @ApiProperty({ example: true }) ok!: boolean;
  @ApiProperty({ type: [ChainFailureDto], example: [] }) failures!: ChainFailureDto[];
}
