import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@ledger/domain';
import { NOTIFICATIONS_PROJECTION_NAME } from '@ledger/projections';
import { CurrentActor } from '../auth/roles.decorator';
import { InvalidInputException } from '../http/problem-details';
import { ReadYourWrites } from '../http/read-your-writes';
import { DEFAULT_NOTIFICATIONS_LIMIT, MAX_NOTIFICATIONS_LIMIT, NotificationsQueryDto } from './notifications.dto';
import { ListNotificationsQuery, NotificationsPage } from './queries/list-notifications.query';
import { ApiAccess, ApiProblems } from '../http/openapi';
import { NotificationsPageDto } from './notifications-responses.dto';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('v1')
export class NotificationsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get('notifications')
  @ApiAccess('the recipient themselves; hr for anyone', ['employee', 'manager', 'hr'])
  @ApiOkResponse({ type: NotificationsPageDto })
  @ApiProblems(400, 403, 503)
  @ApiOperation({
    summary: 'Reminders that are due for a recipient (self; HR for anyone)',
    description:
      'Open reminders (not yet resolved), earliest dueAt first: `{ recipient, notifications: [{ id, kind, recipient, absenceId, employeeId, dueAt, createdAt, details }], next }`. ' +
      'Pass `next` as `after` for the following page. A reminder is resolved (and leaves the list) once what it asks for is no longer outstanding.',
  })
  async list(@CurrentActor() actor: Actor, @Query() query: NotificationsQueryDto): Promise<NotificationsPage> {
    const limit = query.limit === undefined ? DEFAULT_NOTIFICATIONS_LIMIT : Number(query.limit);
    if (!(limit >= 1 && limit <= MAX_NOTIFICATIONS_LIMIT)) {
      throw new InvalidInputException([{ field: 'limit', message: `limit must be a whole number from 1 to ${MAX_NOTIFICATIONS_LIMIT}` }]);
    }
    await this.readYourWrites.await(NOTIFICATIONS_PROJECTION_NAME, query.minPosition);
    return this.queries.execute(new ListNotificationsQuery(actor, query.recipient ?? actor.sub, query.after, limit));
  }
}
