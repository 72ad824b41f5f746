import type { Actor } from '../shared/actor';
import type { Decider, DomainEvent } from '../shared/decider';
import { invalid, notFound } from '../shared/errors';
import { streamIds } from '../shared/stream-ids';

/**
 * Stream `notification-<notificationId>`: one reminder (påminnelse). The id is derived from what
 * the reminder is about (kind, recipient, subject, due date), so the stream's expected revision
 * `no_stream` makes sure the same reminder is never raised twice, whichever process tries.
 */
const NOTIFICATION_STREAMS = streamIds('notification-');
export const notificationStreamId = (notificationId: string): string => NOTIFICATION_STREAMS.streamIdOf(notificationId);
/** The notificationId of a `notification-…` stream id. */
export const notificationIdOfStream = (streamId: string): string => NOTIFICATION_STREAMS.idOf(streamId);

export const NOTIFICATION_KINDS = [
  'return_report_missing',
  'attestation_due',
  'medical_certificate_due',
  'fk_report_due',
  'return_to_work_plan_due',
  'rehab_review_due',
  'discrepancy',
  'absence_rejected',
  'sickness_during_planned_leave',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationFacts {
  notificationId: string;
  kind: NotificationKind;
  /** Who is reminded: an employee id (the employee, or a manager). */
  recipient: string;
  absenceId: string | null;
  employeeId: string;
  /** When the obligation falls due (ISO 8601 UTC). */
  dueAt: string;
  /** What the reminder is about, as the id was derived from it (e.g. `<absenceId>@v3`). */
  subject: string;
  /**
   * What the recipient needs to act: the day and kind of a discrepancy, the reason of a rejection,
   * the cut-off of an attestation, … (flat: strings, numbers, null). Absent in reminders raised
   * before details were kept.
   */
  details?: NotificationDetails;
}

export type NotificationDetails = Record<string, string | number | boolean | null>;
/** Bounds of `details`: keys, and characters of each key and string value. */
export const NOTIFICATION_DETAILS_LIMITS = { keys: 16, keyLength: 64, valueLength: 500 };

export type NotificationRaised = DomainEvent<'NotificationRaised', NotificationFacts>;
/** The webhook accepted the notification (after `attempts` tries). */
export type NotificationDelivered = DomainEvent<'NotificationDelivered', { attempts: number }>;
/** The webhook never accepted it; delivery has stopped. */
export type NotificationDeliveryFailed = DomainEvent<'NotificationDeliveryFailed', { attempts: number; error: string }>;
/** What the reminder asked for is no longer outstanding (done, corrected, withdrawn, or out of date). */
export type NotificationResolved = DomainEvent<'NotificationResolved', { reason: string }>;

export type NotificationEvent = NotificationRaised | NotificationDelivered | NotificationDeliveryFailed | NotificationResolved;

export const NOTIFICATION_EVENT_TYPES: ReadonlyArray<NotificationEvent['type']> = [
  'NotificationRaised',
  'NotificationDelivered',
  'NotificationDeliveryFailed',
  'NotificationResolved',
];

export type NotificationCommand =
  | { kind: 'raise'; notification: NotificationFacts }
  | { kind: 'record_delivery'; attempts: number }
  | { kind: 'record_delivery_failure'; attempts: number; error: string }
  | { kind: 'resolve'; reason: string };

export interface NotificationState extends NotificationFacts {
  exists: boolean;
  /** recordedAt of NotificationRaised. */
  createdAt: string;
  deliveredAt: string | null;
  deliveryFailedAt: string | null;
  deliveryAttempts: number;
  resolvedAt: string | null;
}

/** The reminder jobs issue these commands; no HTTP route does. */
export interface NotificationContext {
  actor: Actor;
}

const MAX_TEXT = 500;
const DUE_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

export const notificationDecider: Decider<NotificationCommand, NotificationState, NotificationEvent, NotificationContext> = {
  initialState: {
    exists: false,
    notificationId: '',
    kind: 'return_report_missing',
    recipient: '',
    absenceId: null,
    employeeId: '',
    dueAt: '',
    subject: '',
    createdAt: '',
    deliveredAt: null,
    deliveryFailedAt: null,
    deliveryAttempts: 0,
    resolvedAt: null,
  },

  decide(command, state) {
    switch (command.kind) {
      case 'raise': {
        // Never twice: a reminder that exists (open or resolved) is not raised again.
        if (state.exists) return [];
        checkFacts(command.notification);
        return [{ type: 'NotificationRaised', data: { ...command.notification } }];
      }
      case 'record_delivery':
        if (!state.exists) throw notFound(`no notification ${state.notificationId || '(unknown)'}`);
        checkAttempts(command.attempts);
        return state.deliveredAt !== null ? [] : [{ type: 'NotificationDelivered', data: { attempts: command.attempts } }];
      case 'record_delivery_failure':
        if (!state.exists) throw notFound(`no notification ${state.notificationId || '(unknown)'}`);
        checkAttempts(command.attempts);
        if (state.deliveredAt !== null || state.deliveryFailedAt !== null) return [];
        return [{ type: 'NotificationDeliveryFailed', data: { attempts: command.attempts, error: command.error.slice(0, MAX_TEXT) } }];
      case 'resolve':
        if (!state.exists) throw notFound(`no notification ${state.notificationId || '(unknown)'}`);
        if (state.resolvedAt !== null) return [];
        return [{ type: 'NotificationResolved', data: { reason: command.reason.slice(0, MAX_TEXT) } }];
    }
  },

  evolve(state, event, meta) {
    switch (event.type) {
      case 'NotificationRaised':
        return { ...state, ...event.data, exists: true, createdAt: meta.recordedAt };
      case 'NotificationDelivered':
        return { ...state, deliveredAt: meta.recordedAt, deliveryAttempts: event.data.attempts };
      case 'NotificationDeliveryFailed':
        return { ...state, deliveryFailedAt: meta.recordedAt, deliveryAttempts: event.data.attempts };
      case 'NotificationResolved':
        return { ...state, resolvedAt: meta.recordedAt };
    }
  },
};

function checkFacts(n: NotificationFacts): void {
  if (!(NOTIFICATION_KINDS as readonly string[]).includes(n.kind)) throw invalid('kind', `unknown notification kind ${String(n.kind)}`);
  if (!DUE_AT.test(n.dueAt) || Number.isNaN(Date.parse(n.dueAt))) throw invalid('dueAt', 'must be an ISO 8601 UTC timestamp');
  for (const [field, value] of [['notificationId', n.notificationId], ['recipient', n.recipient], ['employeeId', n.employeeId], ['subject', n.subject]] as const) {
    if (typeof value !== 'string' || value.length === 0 || value.length > 200) throw invalid(field, 'must be 1–200 characters');
  }
  if (n.details !== undefined) checkDetails(n.details);
  if (n.absenceId !== null && (typeof n.absenceId !== 'string' || n.absenceId.length === 0 || n.absenceId.length > 200)) {
    throw invalid('absenceId', 'must be null or 1–200 characters');
  }
}

function checkDetails(details: NotificationDetails): void {
  const { keys, keyLength, valueLength } = NOTIFICATION_DETAILS_LIMITS;
  if (typeof details !== 'object' || details === null || Array.isArray(details)) throw invalid('details', 'must be an object');
  const entries = Object.entries(details);
  if (entries.length > keys) throw invalid('details', `at most ${keys} entries`);
  for (const [key, value] of entries) {
    if (key.length === 0 || key.length > keyLength) throw invalid('details', `keys are 1–${keyLength} characters`);
    const ok =
      value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.length <= valueLength);
    if (!ok) throw invalid('details', `${key} must be a string of at most ${valueLength} characters, a finite number, a boolean or null`);
  }
}

function checkAttempts(attempts: number): void {
  if (!Number.isInteger(attempts) || attempts < 1) throw invalid('attempts', 'must be a whole number >= 1');
}
