import { Test, TestingModule } from '@nestjs/testing';
import { LEDGER_CONFIG, loadConfig } from '@ledger/config';
import { NotificationKind, notificationStreamId } from '@ledger/domain';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { JOB_RUNNER, JobRunner } from '@ledger/jobs';
import { NOTIFICATION_COLLECTION, NotificationDocument } from '@ledger/projections';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerSeeder } from '../../../../test/support/ledger-events';
import { CLOCK, ManualClock } from '../core/clock';
import { LedgerModule } from '../core/ledger.module';
import { ProjectionsService } from '../core/projections.service';
import { notificationIdOf } from './notification-id';
import { ReminderScanner } from './reminder-scanner';
import { RemindersModule } from './reminders.module';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Received {
  id: string;
  recipient: string;
  status: number;
  at: number;
  body: Record<string, unknown>;
}

/**
 * A webhook receiver on 127.0.0.1: it answers 503 to the first two POSTs of each notification and
 * 200 to the third, except for notifications to M2, which it always refuses (500).
 */
async function startReceiver(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      const body = JSON.parse(text) as Record<string, unknown>;
      const id = String(body.id);
      const attempt = received.filter((r) => r.id === id).length + 1;
      const status = body.recipient === 'M2' ? 500 : attempt <= 2 ? 503 : 200;
      expect(req.headers['content-type']).toBe('application/json');
      expect(req.headers['idempotency-key']).toBe(id);
      received.push({ id, recipient: String(body.recipient), status, at: Date.now(), body });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, server };
}

async function deleteUnder(client: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await client.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

async function eventually(predicate: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(['inprocess', 'bullmq'] as const)('reminder scan and webhook delivery (%s jobs, SQLite events, Redis read models)', (jobs) => {
  const prefix = `test:reminders:${randomUUID()}:`;
  let dir: string;
  let redis: Redis;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let moduleRef: TestingModule;
  let scanner: ReminderScanner;
  let projections: ProjectionsService;
  let events: EventStore;
  let seed: LedgerSeeder;
  // Monday 9 March 2026, 10:00 in Stockholm (CET).
  const clock = new ManualClock(new Date('2026-03-09T09:00:00Z'));
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-reminders-'));
    redis = new Redis(REDIS_URL);
    receiver = await startReceiver();
    const config = loadConfig({
      LEDGER_DATA_DIR: dir,
      LEDGER_READ_STORE: 'redis',
      LEDGER_JOBS: jobs,
      REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      NOTIFY_WEBHOOK_URL: receiver.url,
      NOTIFY_WEBHOOK_ATTEMPTS: '3',
      NOTIFY_WEBHOOK_BACKOFF_MS: '50',
    });
    moduleRef = await Test.createTestingModule({ imports: [LedgerModule, RemindersModule] })
      .overrideProvider(LEDGER_CONFIG)
      .useValue(config)
      .overrideProvider(CLOCK)
      .useValue(clock)
      .compile();
    await moduleRef.init();
    events = moduleRef.get(EVENT_STORE);
    scanner = moduleRef.get(ReminderScanner);
    projections = moduleRef.get(ProjectionsService);

    seed = new LedgerSeeder(events);
    await seed.department('D1', ['M1']);
    await seed.department('D2', ['M2']);
    for (const [employee, department] of [['E1', 'D1'], ['E2', 'D1'], ['M1', 'D1'], ['E3', 'D2']]) await seed.employee(employee, department);
    // E1: sick since Monday 2 March, open-ended, not yet attested (March is due by 10 April).
    ids.e1Sick = await seed.report('E1', 'D1', 'sick', '2026-03-02', null);
    // E2: vacation 16–17 February waiting for attestation; February's cut-off is 10 March.
    ids.e2Vacation = await seed.report('E2', 'D1', 'vacation', '2026-02-16', '2026-02-17');
    // E2: six one-day sick occasions, attested, each more than 5 days after the last.
    for (const day of ['2025-04-01', '2025-06-02', '2025-08-04', '2025-10-06', '2025-12-01', '2026-02-02']) {
      await seed.attest(await seed.report('E2', 'D1', 'sick', day, day), 'M1');
    }
    // E3: sick since 20 February, open-ended, certificate from day 8 (27 February) to 8 March, attested.
    // The certificate has run out by 9 March, so the missing return report is reminded of.
    ids.e3Sick = await seed.report('E3', 'D2', 'sick', '2026-02-20', null);
    await seed.certificate(ids.e3Sick, '2026-02-27', '2026-03-08');
    await seed.attest(ids.e3Sick, 'M2');
    // A time clock saw E1 absent on Tuesday 24 February, a day no case covers: a discrepancy.
    await seed.observation('E1', '2026-02-24', 'absent');

    await projections.startAll();
    await moduleRef.get<JobRunner>(JOB_RUNNER).start();
  });

  afterAll(async () => {
    await moduleRef?.close();
    await new Promise((r) => receiver.server.close(r));
    await deleteUnder(redis, prefix);
    await redis.quit();
    rmSync(dir, { recursive: true, force: true });
  });

  const openNotifications = async () => {
    const docs = await projections.readStore.scan<NotificationDocument>(projections.namespaceOf('notifications'), NOTIFICATION_COLLECTION);
    return docs.map((d) => d.value);
  };
  const expected = (kind: NotificationKind, recipient: string, employeeId: string, absenceId: string | null, subject: string, dueDate: string, dueAt: string) => ({
    id: notificationIdOf({ kind, recipient, subject, dueDate }),
    kind,
    recipient,
    absenceId,
    employeeId,
    dueAt,
    details: expect.any(Object),
    createdAt: '2026-03-09T09:00:00.000Z',
  });

  it('raises each kind that is due once, with its recipient and dueAt (24:00 Stockholm of the due date), even when two scans race', async () => {
    const [one, two] = await Promise.all([scanner.scan(), scanner.scan()]);
    expect(one).toMatchObject({ today: '2026-03-09', due: 7, resolved: 0 });
    expect(two).toMatchObject({ today: '2026-03-09', due: 7, resolved: 0 });
    // Each reminder's stream is created with expected revision no_stream: one of the scans wins it.
    expect(one.raised + two.raised).toBe(7);
    expect(one.deliveriesEnqueued + two.deliveriesEnqueued).toBe(7);
    await projections.waitFor('notifications', await events.headPosition(), 5000);
    const views = (await openNotifications()).map((d) => d.view).sort((a, b) => (a.kind + a.recipient < b.kind + b.recipient ? -1 : 1));
    expect(views).toEqual(
      [
        // E1 open-ended since 2 March: days 2–8 March are its 7; overdue from the end of 8 March (23:00Z, CET).
        expected('return_report_missing', 'E1', 'E1', ids.e1Sick, ids.e1Sick, '2026-03-08', '2026-03-08T23:00:00.000Z'),
        // E1's spell, reported ahead of its first day, reaches its day 8 on 9 March (2 March is day 1), no certificate.
        expected('medical_certificate_due', 'E1', 'E1', ids.e1Sick, `E1|certificate|${ids.e1Sick}`, '2026-03-09', '2026-03-09T23:00:00.000Z'),
        // E2's February vacation waits for M1; the cut-off 10 March is within 5 days.
        expected('attestation_due', 'M1', 'E2', ids.e2Vacation, `${ids.e2Vacation}@v0`, '2026-03-10', '2026-03-10T23:00:00.000Z'),
        // E2's sixth occasion in 12 months started on 2 February.
        expected('rehab_review_due', 'M1', 'E2', null, 'E2|rehab', '2026-02-02', '2026-02-02T23:00:00.000Z'),
        // E3 sick since 20 February: 9 days in February (20–28) + 9 in March = day 18 today, past 14;
        // day 21 is 20 February + 20 days = 12 March.
        expected('fk_report_due', 'M2', 'E3', ids.e3Sick, 'E3|sick-period|2026-02-20', '2026-03-12', '2026-03-12T23:00:00.000Z'),
        // E3 open-ended since 20 February: overdue from the end of 26 February.
        expected('return_report_missing', 'E3', 'E3', ids.e3Sick, ids.e3Sick, '2026-02-26', '2026-02-26T23:00:00.000Z'),
        // E1's unreported absence on 24 February is for M1 to settle by February's cut-off, 10 March.
        expected('discrepancy', 'M1', 'E1', null, 'E1|2026-02-24|unreported_absence', '2026-03-10', '2026-03-10T23:00:00.000Z'),
      ].sort((a, b) => (a.kind + a.recipient < b.kind + b.recipient ? -1 : 1)),
    );
    // Each says enough to act on: the day and kind of a discrepancy, the cut-off of an attestation.
    expect(views.find((v) => v.kind === 'discrepancy')?.details).toEqual({ date: '2026-02-24', discrepancyKind: 'unreported_absence', cutoff: '2026-03-10' });
    expect(views.find((v) => v.kind === 'attestation_due')?.details).toMatchObject({ cutoff: '2026-03-10', from: '2026-02-16', routedFrom: null });
  });

  it('delivers each one once, retrying with exponential backoff, and records delivery or giving up', async () => {
    // Six succeed on their third attempt; the one to M2 is refused three times and given up.
    await eventually(() => receiver.received.filter((r) => r.status === 200).length === 6 && receiver.received.filter((r) => r.recipient === 'M2').length === 3, 10_000, 'deliveries');
    await projections.waitFor('notifications', await events.headPosition(), 5000);
    await eventually(async () => (await openNotifications()).every((n) => n.state.deliveredAt !== null || n.state.deliveryFailedAt !== null), 5000, 'recorded deliveries');
    const docs = await openNotifications();
    for (const doc of docs) {
      const attempts = receiver.received.filter((r) => r.id === doc.view.id);
      expect(attempts.map((a) => a.status)).toEqual(doc.view.recipient === 'M2' ? [500, 500, 500] : [503, 503, 200]);
      // Backoff 50 ms × 2^(n−1): 50 ms before the second attempt, 100 ms before the third.
      expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(45);
      expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(95);
      expect(attempts[2].body).toEqual(doc.view);
      expect(doc.state.deliveryAttempts).toBe(3);
      if (doc.view.recipient === 'M2') expect(doc.state).toMatchObject({ deliveredAt: null, deliveryFailedAt: '2026-03-09T09:00:00.000Z' });
      else expect(doc.state).toMatchObject({ deliveredAt: '2026-03-09T09:00:00.000Z', deliveryFailedAt: null });
    }
    const stream = await events.readStream(notificationStreamId(docs[0].view.id));
    expect(stream.map((e) => e.type)).toEqual(['NotificationRaised', docs[0].view.recipient === 'M2' ? 'NotificationDeliveryFailed' : 'NotificationDelivered']);
  });

  it('raises nothing new and sends nothing again on the next scan', async () => {
    const posted = receiver.received.length;
    const head = await events.headPosition();
    clock.advance(60 * 60 * 1000);
    const report = await scanner.scan();
    expect(report).toMatchObject({ due: 7, raised: 0, resolved: 0, deliveriesEnqueued: 0 });
    await new Promise((r) => setTimeout(r, 400));
    expect(receiver.received.length).toBe(posted);
    expect(await events.headPosition()).toBe(head);
  });

  it('resolves the reminders that are no longer due, once, and keeps the others', async () => {
    // E1 reports the return: last day 7 March. The period (2–7 March, 6 days) never reached day 8.
    await seed.returned(ids.e1Sick, '2026-03-07', 'E1');
    const first = await scanner.scan();
    expect(first).toMatchObject({ due: 5, raised: 0, resolved: 2 });
    await projections.waitFor('notifications', await events.headPosition(), 5000);
    const open = (await openNotifications()).filter((n) => n.state.resolvedAt === null);
    expect(open.map((n) => n.view.kind).sort()).toEqual(['attestation_due', 'discrepancy', 'fk_report_due', 'rehab_review_due', 'return_report_missing']);
    expect(open.find((n) => n.view.kind === 'return_report_missing')?.view.recipient).toBe('E3');
    expect(await scanner.scan()).toMatchObject({ raised: 0, resolved: 0 });
  });

  it('resolves the discrepancy once the ledger agrees, and reminds of the new case instead', async () => {
    // E1 registers vacation for 24 February: the day is covered, the discrepancy goes; the new case
    // waits for M1's attestation by February's cut-off, 10 March (within 5 days).
    const vacation = await seed.report('E1', 'D1', 'vacation', '2026-02-24', '2026-02-24');
    const report = await scanner.scan();
    expect(report).toMatchObject({ due: 5, raised: 1, resolved: 1 });
    await projections.waitFor('notifications', await events.headPosition(), 5000);
    const open = (await openNotifications()).filter((n) => n.state.resolvedAt === null);
    expect(open.map((n) => n.view.kind).sort()).toEqual(['attestation_due', 'attestation_due', 'fk_report_due', 'rehab_review_due', 'return_report_missing']);
    expect(open.filter((n) => n.view.kind === 'attestation_due').map((n) => n.view.absenceId).sort()).toEqual([ids.e2Vacation, vacation].sort());
  });
});
