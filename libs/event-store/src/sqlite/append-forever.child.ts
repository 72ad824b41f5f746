/**
 * Child process for the durability test: appends to the SQLite event store as fast as it can and
 * prints "ack <stream> <revision>" only after each append was answered. The test kills it with -9.
 */
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from './sqlite-event-store';

const store = new SqliteEventStore({ file: process.argv[2] });

async function writer(n: number): Promise<void> {
  for (let i = 0; ; i++) {
    const stream = `durable-${n}-${i}`;
    await store.append(
      stream,
      [{ id: randomUUID(), type: 'Durable', data: { i }, metadata: { recordedAt: new Date().toISOString(), actor: { sub: 'k', roles: [] }, prevHash: '', hash: '' } }],
      'no_stream',
    );
    process.stdout.write(`ack ${stream} 0\n`);
  }
}

for (let n = 0; n < 8; n++) void writer(n);
