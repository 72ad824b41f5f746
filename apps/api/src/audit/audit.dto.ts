import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN, IsCalendarDate } from '../http/validators';

export class VerifyQueryDto {
  @ApiPropertyOptional({ description: 'Verify one stream (e.g. absence-<uuid>); the whole log and its seal when left out', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/, { message: 'streamId must be a stream name of letters, digits, ".", "_", ":" and "-"' })
  streamId?: string;
}

/** A signed commitment to the log up to a position (what an auditor keeps). */
export class DigestDto {
  @ApiProperty({ description: 'the last log position the digest covers (decimal string)', example: '123456' })
  @IsString()
  @Matches(/^(0|[1-9][0-9]{0,19})$/, { message: 'position must be a decimal string' })
  position!: string;

  @ApiProperty({ description: 'the seal chain link at that position (hex, 128 bits)', example: '3f1c9a0e5b7d2c4f8a6e1b3d5c7f9e0a' })
  @IsString()
  @Matches(/^[0-9a-f]{32}$/, { message: 'hash must be 32 lower-case hex digits' })
  hash!: string;

  @ApiProperty({ description: 'when the service signed it (ISO 8601 UTC)', example: '2026-12-03T20:00:00.000Z' })
  @IsString()
  @MaxLength(40)
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'signedAt must be an ISO 8601 timestamp' })
  signedAt!: string;

  @ApiProperty({ description: 'which key signed it: the first 16 hex digits of sha256 of the Ed25519 public key', example: '9c2e4f1a7b3d5e60' })
  @IsString()
  @Matches(/^[0-9a-f]{16}$/, { message: 'keyId must be 16 lower-case hex digits' })
  keyId!: string;

  @ApiProperty({
    description: 'Ed25519 signature (base64url) of the canonical JSON of kind, position, hash, signedAt and keyId',
    example: 'q1Xo6z3J0yJ2m8kV0f3c9QbYlH7sXr2uN5eT4wA1gZ9pL6dC8vB0nM3kR7tY2hU5iO4jE1aS6fD9gH2kL5zX8w',
  })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{86}$/, { message: 'signature must be an Ed25519 signature in base64url' })
  signature!: string;
}

export class AccessLogQueryDto {
  @ApiProperty({ description: 'Whose health data', example: 'E1042' })
  @IsString()
  @Matches(ID_PATTERN, { message: `employeeId ${ID_MESSAGE}` })
  employeeId!: string;

  @ApiPropertyOptional({ description: 'First day (YYYY-MM-DD, Stockholm); default: a year before `to`', example: '2026-01-01' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Last day (YYYY-MM-DD, Stockholm), inclusive; default: today', example: '2026-12-31' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}
