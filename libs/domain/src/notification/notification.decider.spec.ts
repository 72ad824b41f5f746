import type { Actor } from '../shared/actor';
import { given } from '../testing/given-when-then';
import {
  NotificationDelivered,
  NotificationDeliveryFailed,
  NotificationFacts,
  NotificationRaised,
  NotificationResolved,
  notificationDecider,
} from './notification.decider';

const REMINDERS: Actor = { sub: 'system:reminders', roles: [] };
const ctx = { actor: REMINDERS, now: new Date('2026-03-05T08:00:00Z') };

const facts = (overrides: Partial<NotificationFacts> = {}): NotificationFacts => ({
  notificationId: '3b0c9f8e-1d2a-5b4c-9e8f-0a1b2c3d4e5f',
  kind: 'attestation_due',
  recipient: 'mgr-anna',
  absenceId: 'a-1',
  employeeId: 'emp-erik',
  dueAt: '2026-03-10T23:00:00.000Z',
  subject: 'a-1@v0',
  ...overrides,
});
const raised = (overrides: Partial<NotificationFacts> = {}): NotificationRaised => ({ type: 'NotificationRaised', data: facts(overrides) });
const delivered = (attempts: number): NotificationDelivered => ({ type: 'NotificationDelivered', data: { attempts } });
const failed = (attempts: number, error: string): NotificationDeliveryFailed => ({ type: 'NotificationDeliveryFailed', data: { attempts, error } });
const resolved = (reason: string): NotificationResolved => ({ type: 'NotificationResolved', data: { reason } });

describe('notification decider', () => {
  describe('raise', () => {
    it('given nothing, when a reminder is raised, then it exists with the clock time as createdAt', () => {
      const state = given(notificationDecider, [], ctx)
        .when({ kind: 'raise', notification: facts() })
        .then([raised()]);
      expect(state).toMatchObject({ exists: true, ...facts(), createdAt: '2026-03-05T08:00:00.000Z', deliveredAt: null, resolvedAt: null });
    });

    it('given a raised reminder, when it is raised again, then nothing is recorded (never twice)', () => {
      given(notificationDecider, [raised()], ctx).when({ kind: 'raise', notification: facts() }).then([]);
    });

    it('given a resolved reminder, when it is raised again, then it is not reopened', () => {
      given(notificationDecider, [raised(), resolved('attested')], ctx).when({ kind: 'raise', notification: facts() }).then([]);
    });

    it('refuses an unknown kind, a dueAt that is not a UTC timestamp, and an empty recipient', () => {
      given(notificationDecider, [], ctx)
        .when({ kind: 'raise', notification: facts({ kind: 'birthday' as never }) })
        .thenThrows('validation', /kind/, { field: 'kind' });
      given(notificationDecider, [], ctx)
        .when({ kind: 'raise', notification: facts({ dueAt: '2026-03-10' }) })
        .thenThrows('validation', /dueAt/, { field: 'dueAt' });
      given(notificationDecider, [], ctx)
        .when({ kind: 'raise', notification: facts({ recipient: '' }) })
        .thenThrows('validation', /recipient/, { field: 'recipient' });
    });
  });

  describe('details', () => {
    it('given nothing, when a reminder with details is raised, then they are kept', () => {
      const details = { date: '2026-02-24', discrepancyKind: 'unreported_absence', cutoff: '2026-03-10' };
      const state = given(notificationDecider, [], ctx)
        .when({ kind: 'raise', notification: facts({ kind: 'discrepancy', details }) })
        .then([raised({ kind: 'discrepancy', details })]);
      expect(state.details).toEqual(details);
    });

    it('refuses details that are not flat, too many, or too long', () => {
      for (const details of [{ nested: { a: 1 } }, Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, i])), { reason: 'x'.repeat(501) }]) {
        given(notificationDecider, [], ctx)
          .when({ kind: 'raise', notification: facts({ details: details as never }) })
          .thenThrows('validation', undefined, { field: 'details' });
      }
    });
  });

  describe('delivery', () => {
    it('given a raised reminder, when the webhook accepted it on attempt 3, then the delivery is recorded once', () => {
      const state = given(notificationDecider, [raised()], ctx)
        .when({ kind: 'record_delivery', attempts: 3 })
        .then([delivered(3)]);
      expect(state).toMatchObject({ deliveredAt: '2026-03-05T08:00:00.000Z', deliveryAttempts: 3 });
      given(notificationDecider, [raised(), delivered(3)], ctx).when({ kind: 'record_delivery', attempts: 4 }).then([]);
    });

    it('given a raised reminder, when delivery gave up, then the failure is recorded, and never after a delivery', () => {
      given(notificationDecider, [raised()], ctx)
        .when({ kind: 'record_delivery_failure', attempts: 10, error: 'HTTP 503' })
        .then([failed(10, 'HTTP 503')]);
      given(notificationDecider, [raised(), delivered(1)], ctx).when({ kind: 'record_delivery_failure', attempts: 2, error: 'x' }).then([]);
      given(notificationDecider, [raised(), failed(10, 'x')], ctx).when({ kind: 'record_delivery_failure', attempts: 10, error: 'y' }).then([]);
    });

    it('bounds the recorded error text to 500 characters', () => {
      given(notificationDecider, [raised()], ctx)
        .when({ kind: 'record_delivery_failure', attempts: 1, error: 'e'.repeat(600) })
        .then([failed(1, 'e'.repeat(500))]);
    });

    it('refuses to record delivery of a reminder that was never raised', () => {
      given(notificationDecider, [], ctx).when({ kind: 'record_delivery', attempts: 1 }).thenThrows('not_found');
      given(notificationDecider, [raised()], ctx).when({ kind: 'record_delivery', attempts: 0 }).thenThrows('validation', /attempts/);
    });
  });

  describe('resolve', () => {
    it('given an open reminder, when it is resolved, then it is resolved once', () => {
      const state = given(notificationDecider, [raised()], ctx)
        .when({ kind: 'resolve', reason: 'no longer outstanding' })
        .then([resolved('no longer outstanding')]);
      expect(state.resolvedAt).toBe('2026-03-05T08:00:00.000Z');
      given(notificationDecider, [raised(), resolved('x')], ctx).when({ kind: 'resolve', reason: 'again' }).then([]);
      given(notificationDecider, [], ctx).when({ kind: 'resolve', reason: 'x' }).thenThrows('not_found');
    });
  });
});
