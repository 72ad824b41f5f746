import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { MinPositionQueryDto } from '../http/read-your-writes';
import { ID_MESSAGE, ID_PATTERN } from '../http/validators';

export const DEFAULT_NOTIFICATIONS_LIMIT = 100;
export const MAX_NOTIFICATIONS_LIMIT = 500;

export class NotificationsQueryDto extends MinPositionQueryDto {
  @ApiPropertyOptional({ description: 'Whose reminders (default: the caller). Only HR may name someone else.', maxLength: 64 })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN, { message: `recipient ${ID_MESSAGE}` })
  recipient?: string;

  @ApiPropertyOptional({ description: 'Cursor: the `next` of the previous page', maxLength: 120 })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  @Matches(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z\|[0-9a-f-]{36}$/, { message: 'after must be the `next` of a previous page' })
  after?: string;

  @ApiPropertyOptional({ description: `Notifications per page (default ${DEFAULT_NOTIFICATIONS_LIMIT})`, minimum: 1, maximum: MAX_NOTIFICATIONS_LIMIT })
  @IsOptional()
  @Matches(/^\d{1,3}$/, { message: `limit must be a whole number from 1 to ${MAX_NOTIFICATIONS_LIMIT}` })
  limit?: string;
}
