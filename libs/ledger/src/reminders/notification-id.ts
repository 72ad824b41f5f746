import { v5 as uuidv5 } from 'uuid';
import type { ReminderCandidate } from './reminder-rules';

/** Namespace of the notification ids (UUID v5). */
const NOTIFICATION_ID_NAMESPACE = 'b7d0c2e4-52a1-4f0e-8c6a-3f1d9e27a5b8';

/**
 * The id of a reminder: a UUID v5 of `kind|recipient|subject|dueDate`. The same obligation, for
 * the same person, due the same day, always has the same id, so it is raised once.
 */
export function notificationIdOf(c: Pick<ReminderCandidate, 'kind' | 'recipient' | 'subject' | 'dueDate'>): string {
  return uuidv5(`${c.kind}|${c.recipient}|${c.subject}|${c.dueDate}`, NOTIFICATION_ID_NAMESPACE);
}
