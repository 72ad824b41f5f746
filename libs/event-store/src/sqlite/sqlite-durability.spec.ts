import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';

/**
 * A command that was answered survives kill -9: a child process appends with group commit and
 * acknowledges each append after it resolved; we kill it mid-stream and reopen the file.
 */
describe('SQLite event store durability', () => {
  it('keeps every acknowledged append after kill -9', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-kill-'));
    const file = join(dir, 'events.db');
    const child = spawn(process.execPath, ['-r', join(__dirname, '../../../../test/support/ts-register.js'), join(__dirname, 'append-forever.child.ts'), file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const acked: string[] = [];
    let buffer = '';
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines) if (line.startsWith('ack ')) acked.push(line.split(' ')[1]);
        if (acked.length >= 300) resolve();
      });
      setTimeout(() => reject(new Error(`only ${acked.length} acks in 20 s`)), 20_000).unref();
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));

    const store = new SqliteEventStore({ file });
    const missing: string[] = [];
    for (const stream of acked) if ((await store.readStream(stream)).length !== 1) missing.push(stream);
    const head = await store.headPosition();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    expect(missing).toEqual([]);
    expect(Number(head)).toBeGreaterThanOrEqual(acked.length);
  }, 30_000);
});
