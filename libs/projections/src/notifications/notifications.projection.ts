import {
  NOTIFICATION_EVENT_TYPES,
  NotificationDetails,
  NotificationKind,
  NotificationState,
  evolveRecorded,
  notificationDecider,
  notificationIdOfStream,
} from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store';
import type { Projection } from '../runtime/projection';
import type { UnitOfWork } from '../runtime/unit-of-work';

export const NOTIFICATIONS_PROJECTION_NAME = 'notifications';
/** Every reminder by id, with its delivery and resolution. */
export const NOTIFICATION_COLLECTION = 'notification';
/** Index of NOTIFICATION_COLLECTION: the reminders not yet resolved (value '*'). */
export const OPEN_INDEX = 'open';
/** The open reminders by recipient, keyed `<dueAt>|<id>` so a list comes in due order. */
export const INBOX_COLLECTION = 'inbox';
export const BY_RECIPIENT = 'recipient';

/** A notification as docs/http-api.md "Notifications" shows it. */
export interface NotificationView {
  id: string;
  kind: NotificationKind;
  recipient: string;
  absenceId: string | null;
  employeeId: string;
  dueAt: string;
  createdAt: string;
  /** What the recipient needs to act ({} for reminders raised before details were kept). */
  details: NotificationDetails;
}

export interface NotificationDocument {
  /** The decider's state: delivery and resolution included. */
  state: NotificationState;
  view: NotificationView;
  /** Stream revision of the last event applied. */
  revision: number;
}

export const inboxKey = (view: Pick<NotificationView, 'dueAt' | 'id'>) => `${view.dueAt}|${view.id}`;

/**
 * The reminders (streams `notification-<id>`): every one by id, and the open ones per recipient
 * in due order, which is what GET /v1/notifications lists. The state is the decider's own evolve.
 */
export class NotificationsProjection implements Projection {
  readonly name = NOTIFICATIONS_PROJECTION_NAME;
  readonly version = 2;
  readonly eventTypes = new Set<string>(NOTIFICATION_EVENT_TYPES);

  async apply(event: RecordedEvent, uow: UnitOfWork): Promise<void> {
    const id = notificationIdOfStream(event.streamId);
    const doc = await uow.get<NotificationDocument>(NOTIFICATION_COLLECTION, id);
    const revision = Number(event.revision);
    if (doc && revision <= doc.revision) return; // replayed event: already applied
    const state = evolveRecorded(notificationDecider, doc?.state ?? notificationDecider.initialState, event);
    if (!state.exists) return;
    const view: NotificationView = {
      id: state.notificationId,
      kind: state.kind,
      recipient: state.recipient,
      absenceId: state.absenceId,
      employeeId: state.employeeId,
      dueAt: state.dueAt,
      createdAt: state.createdAt,
      details: state.details ?? {},
    };
    const open = state.resolvedAt === null;
    await uow.put(
      NOTIFICATION_COLLECTION,
      id,
      { state, view, revision } satisfies NotificationDocument,
      open ? [{ index: OPEN_INDEX, value: '*' }] : [],
    );
    if (open) await uow.put(INBOX_COLLECTION, inboxKey(view), view, [{ index: BY_RECIPIENT, value: view.recipient }]);
    else await uow.delete(INBOX_COLLECTION, inboxKey(view));
  }
}
