import { SqliteEventStore } from '@ledger/event-store/sqlite';
import { SqliteReadStore } from '@ledger/read-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectionRunner } from '../runtime/projection-runner';
import { BY_RECIPIENT, INBOX_COLLECTION, NOTIFICATION_COLLECTION, NotificationDocument, NotificationView, NotificationsProjection, OPEN_INDEX } from './notifications.projection';

const actor = { sub: 'system:reminders', roles: [] };
const meta = (recordedAt: string) => ({ recordedAt, actor, prevHash: '', hash: '' });
let n = 0;
const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

describe('notifications projection', () => {
  let dir: string;
  let events: SqliteEventStore;
  let store: SqliteReadStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-notif-'));
    events = new SqliteEventStore({ file: join(dir, 'events.db') });
    store = new SqliteReadStore({ file: join(dir, 'read.db') });
  });
  afterEach(async () => {
    await events.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const raise = (notificationId: string, recipient: string, dueAt: string) =>
    events.append(
      `notification-${notificationId}`,
      [{ id: id(), type: 'NotificationRaised', data: { notificationId, kind: 'fk_report_due', recipient, absenceId: 'a-1', employeeId: 'E1', dueAt, subject: 's' }, metadata: meta('2026-03-09T09:00:00.000Z') }],
      'no_stream',
    );

  it('lists the open reminders per recipient in due order, drops resolved ones, and keeps delivery state', async () => {
    const [a, b, c] = ['aaaaaaaa-0000-5000-8000-000000000001', 'bbbbbbbb-0000-5000-8000-000000000002', 'cccccccc-0000-5000-8000-000000000003'];
    await raise(a, 'M1', '2026-03-12T23:00:00.000Z');
    await raise(b, 'M1', '2026-03-10T23:00:00.000Z');
    await raise(c, 'M2', '2026-03-01T23:00:00.000Z');
    await events.append(`notification-${a}`, [{ id: id(), type: 'NotificationDelivered', data: { attempts: 2 }, metadata: meta('2026-03-09T09:01:00.000Z') }], 0n);
    const last = await events.append(`notification-${b}`, [{ id: id(), type: 'NotificationResolved', data: { reason: 'attested' }, metadata: meta('2026-03-09T10:00:00.000Z') }], 0n);

    const runner = new ProjectionRunner(new NotificationsProjection(), events, store);
    await runner.start();
    expect(await runner.waitFor(last.position, 5000)).toBe(true);
    const ns = runner.activeNamespace;
    const inbox = async (recipient: string) => (await store.list<NotificationView>(ns, INBOX_COLLECTION, { index: BY_RECIPIENT, value: recipient })).map((d) => d.value.id);
    expect(await inbox('M1')).toEqual([a]);
    expect(await inbox('M2')).toEqual([c]);
    // Raise another for M1 due earlier than a: it comes first.
    const d = 'dddddddd-0000-5000-8000-000000000004';
    const more = await raise(d, 'M1', '2026-03-05T22:00:00.000Z');
    await runner.waitFor(more.position, 5000);
    expect(await inbox('M1')).toEqual([d, a]);

    const open = (await store.list<NotificationDocument>(ns, NOTIFICATION_COLLECTION, { index: OPEN_INDEX, value: '*' })).map((x) => x.key).sort();
    expect(open).toEqual([a, c, d].sort());
    const docA = (await store.get<NotificationDocument>(ns, NOTIFICATION_COLLECTION, a))!.value;
    expect(docA.view).toEqual({ id: a, kind: 'fk_report_due', recipient: 'M1', absenceId: 'a-1', employeeId: 'E1', dueAt: '2026-03-12T23:00:00.000Z', createdAt: '2026-03-09T09:00:00.000Z', details: {} });
    expect(docA.state).toMatchObject({ deliveredAt: '2026-03-09T09:01:00.000Z', deliveryAttempts: 2, resolvedAt: null });
    expect((await store.get<NotificationDocument>(ns, NOTIFICATION_COLLECTION, b))!.value.state.resolvedAt).toBe('2026-03-09T10:00:00.000Z');
    await runner.stop();

    // A rebuild from position 0 gives the same documents (replays change nothing).
    const rebuilt = await runner.rebuild();
    expect(await inbox('M1')).toEqual([]); // the old namespace is gone
    const again = (await store.list<NotificationView>(rebuilt.namespace, INBOX_COLLECTION, { index: BY_RECIPIENT, value: 'M1' })).map((x) => x.value.id);
    expect(again).toEqual([d, a]);
    await runner.stop();
  });
});
