import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, ValidationOptions, registerDecorator } from 'class-validator';
import { MAX_PAGE_LIMIT } from '@ledger/projections';
import { MinPositionQueryDto } from '../http/read-your-writes';

export const DEFAULT_PAGE_LIMIT = 1000;

/** A whole number written in decimal digits, within [min, max]. */
function IsDecimalIntegerBetween(min: number, max: number, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isDecimalIntegerBetween',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a whole number from ${min} to ${max}`, ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && /^\d{1,6}$/.test(value) && Number(value) >= min && Number(value) <= max,
      },
    });
}

export class PayrollLinesQueryDto extends MinPositionQueryDto {
  @ApiPropertyOptional({
    description: 'Cursor: the `next` of the previous page (a lineId). The page holds the lines whose lineId sorts after it.',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9._:-]+$/, { message: 'after must be a lineId (letters, digits, ".", "_", ":" and "-")' })
  after?: string;

  @ApiPropertyOptional({ description: `Lines per page (default ${DEFAULT_PAGE_LIMIT})`, minimum: 1, maximum: MAX_PAGE_LIMIT })
  @IsOptional()
  @IsDecimalIntegerBetween(1, MAX_PAGE_LIMIT)
  limit?: string;
}

export const EXPORT_FORMATS = ['json', 'csv', 'paxml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class PayrollExportQueryDto extends MinPositionQueryDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'json', description: 'json, csv (RFC 4180) or PAXml 2.0' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;
}
