import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class VerifyQueryDto {
  @ApiPropertyOptional({ description: 'Verify one stream (e.g. absence-<uuid>); the whole log and its seal when left out', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/, { message: 'streamId must be a stream name of letters, digits, ".", "_", ":" and "-"' })
  streamId?: string;
}

export class IntegrityFailureDto {
  @ApiProperty({ type: String, nullable: true, example: 'absence-0b7c…' }) streamId!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'stream revision (0-based)' }) version!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'global log position (decimal string)' }) position!: string | null;
  @ApiProperty({ example: 'a sealed event is missing from the log (deleted)' }) reason!: string;
}

export class VerifyResultDto {
  @ApiProperty() streamsChecked!: number;
  @ApiProperty() eventsChecked!: number;
  @ApiProperty() ok!: boolean;
  @ApiProperty({ type: [IntegrityFailureDto], description: 'at most 1 000; failuresTruncated says when more were found' }) failures!: IntegrityFailureDto[];
  @ApiProperty() failuresTruncated!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'position of the last event checked' }) headPosition!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'position of the last event sealed when the run started' }) sealedThrough!: string | null;
  @ApiProperty({ description: 'events after the seal head, checked by their stream chain only' }) unsealedEvents!: number;
}

/** A signed commitment to the log up to a position (what an auditor keeps). */
export class DigestDto {
  @ApiProperty({ description: 'the last log position the digest covers (decimal string)', example: '123456' })
  @IsString()
  @Matches(/^(0|[1-9][0-9]{0,19})$/, { message: 'position must be a decimal string' })
  position!: string;

  @ApiProperty({ description: 'the seal chain link at that position (hex, 128 bits)', example: '3f1c…' })
  @IsString()
  @Matches(/^[0-9a-f]{32}$/, { message: 'hash must be 32 lower-case hex digits' })
  hash!: string;

  @ApiProperty({ description: 'when the service signed it (ISO 8601 UTC)' })
  @IsString()
  @MaxLength(40)
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'signedAt must be an ISO 8601 timestamp' })
  signedAt!: string;

  @ApiProperty({ description: 'which key signed it: the first 16 hex digits of sha256 of the Ed25519 public key' })
  @IsString()
  @Matches(/^[0-9a-f]{16}$/, { message: 'keyId must be 16 lower-case hex digits' })
  keyId!: string;

  @ApiProperty({ description: 'Ed25519 signature (base64url) of the canonical JSON of kind, position, hash, signedAt and keyId' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{86}$/, { message: 'signature must be an Ed25519 signature in base64url' })
  signature!: string;
}

export class VerifyDigestResultDto {
  @ApiProperty() ok!: boolean;
  @ApiProperty({ type: [IntegrityFailureDto] }) failures!: IntegrityFailureDto[];
  @ApiProperty({ description: 'events checked up to the digest position' }) eventsChecked!: number;
}
