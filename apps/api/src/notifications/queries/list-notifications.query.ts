import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Actor, forbidden, hasRole } from '@ledger/domain';
import { BY_RECIPIENT, INBOX_COLLECTION, NOTIFICATIONS_PROJECTION_NAME, NotificationView } from '@ledger/projections';
import { ProjectionsService } from '@ledger/ledger';

export class ListNotificationsQuery {
  constructor(
    readonly actor: Actor,
    readonly recipient: string,
    readonly after: string | undefined,
    readonly limit: number,
  ) {}
}

export interface NotificationsPage {
  recipient: string;
  notifications: NotificationView[];
  /** Cursor for the next page, null on the last. */
  next: string | null;
}

/** The reminders that are due for one recipient (not resolved), earliest due first. */
@QueryHandler(ListNotificationsQuery)
export class ListNotificationsHandler implements IQueryHandler<ListNotificationsQuery, NotificationsPage> {
  constructor(private readonly projections: ProjectionsService) {}

  async execute({ actor, recipient, after, limit }: ListNotificationsQuery): Promise<NotificationsPage> {
    if (recipient !== actor.sub && !hasRole(actor, 'hr')) throw forbidden('you may read only your own notifications (HR may read anyone’s)');
    const docs = await this.projections.readStore.list<NotificationView>(
      this.projections.namespaceOf(NOTIFICATIONS_PROJECTION_NAME),
      INBOX_COLLECTION,
      { index: BY_RECIPIENT, value: recipient },
      { after, limit: limit + 1 },
    );
    const page = docs.slice(0, limit);
    return { recipient, notifications: page.map((d) => d.value), next: docs.length > limit ? page[page.length - 1].key : null };
  }
}
