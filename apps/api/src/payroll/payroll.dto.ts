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

  @ApiPropertyOptional({ enum: ['comma', 'semicolon'], default: 'comma', description: 'CSV only: the field delimiter (semicolon for Swedish Excel)' })
  @IsOptional()
  @IsIn(['comma', 'semicolon'])
  delimiter?: 'comma' | 'semicolon';

  @ApiPropertyOptional({ enum: ['point', 'comma'], default: 'point', description: 'CSV only: the decimal mark of hours and extents (comma for Swedish Excel)' })
  @IsOptional()
  @IsIn(['point', 'comma'])
  decimal?: 'point' | 'comma';

  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'CSV only: start with a UTF-8 byte-order mark (Excel then reads Å, Ä, Ö right)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  bom?: 'true' | 'false';

  @ApiPropertyOptional({ enum: ['utf-8', 'iso-8859-1'], default: 'utf-8', description: 'PAXml only: the document encoding (ISO-8859-1 for older importers)' })
  @IsOptional()
  @IsIn(['utf-8', 'iso-8859-1'])
  encoding?: 'utf-8' | 'iso-8859-1';
}

/** Export options that belong to another format than the one asked for: each a 400 naming it. */
export function misplacedExportOptions(query: PayrollExportQueryDto): Array<{ field: string; message: string }> {
  const format = query.format ?? 'json';
  const out: Array<{ field: string; message: string }> = [];
  for (const field of ['delimiter', 'decimal', 'bom'] as const) {
    if (query[field] !== undefined && format !== 'csv') out.push({ field, message: `${field} applies to format=csv only, not format=${format}` });
  }
  if (query.encoding !== undefined && format !== 'paxml') out.push({ field: 'encoding', message: `encoding applies to format=paxml only, not format=${format}` });
  return out;
}
