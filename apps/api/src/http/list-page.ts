import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidationOptions, registerDecorator } from 'class-validator';
import { MinPositionQueryDto } from './read-your-writes';

/** Lists of people and cases: at most this many items a page, this many when `limit` is left out. */
export const MAX_LIST_LIMIT = 500;
export const DEFAULT_LIST_LIMIT = 100;

/** A whole number written in decimal digits, within [min, max]. */
export function IsWholeNumberBetween(min: number, max: number, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isWholeNumberBetween',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a whole number from ${min} to ${max}`, ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && /^\d{1,6}$/.test(value) && Number(value) >= min && Number(value) <= max,
      },
    });
}

/** `limit` of a list page (query string). */
export class ListLimitQueryDto extends MinPositionQueryDto {
  @ApiPropertyOptional({ description: `Items per page (default ${DEFAULT_LIST_LIMIT})`, minimum: 1, maximum: MAX_LIST_LIMIT })
  @IsOptional()
  @IsWholeNumberBetween(1, MAX_LIST_LIMIT)
  limit?: string;
}

export const limitOf = (q: { limit?: string }) => (q.limit === undefined ? DEFAULT_LIST_LIMIT : Number(q.limit));
