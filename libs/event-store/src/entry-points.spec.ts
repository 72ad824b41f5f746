import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '..', '..', '..');

/** Requires `entry` in a fresh Node process (the TypeScript sources, by their aliases) and tells whether the EventStoreDB client got loaded. */
function loadsEventStoreDbClient(entry: string): boolean {
  const script = `
    require(${JSON.stringify(entry)});
    const loaded = Object.keys(require.cache).some((f) => f.includes('/node_modules/@eventstore/db-client/'));
    process.stdout.write(JSON.stringify(loaded));`;
  const out = execFileSync(process.execPath, ['-r', './test/support/ts-register.js', '-e', script], { cwd: root, encoding: 'utf8' });
  return JSON.parse(out) as boolean;
}

describe('event-store entry points', () => {
  it('given the port, the SQLite adapter and the ledger core, when required, then the EventStoreDB client is not loaded', () => {
    expect(loadsEventStoreDbClient('@ledger/event-store')).toBe(false);
    expect(loadsEventStoreDbClient('@ledger/event-store/sqlite')).toBe(false);
    expect(loadsEventStoreDbClient('@ledger/ledger')).toBe(false);
  });

  it('given the EventStoreDB adapter, when required, then its client is loaded (the check above can see it)', () => {
    expect(loadsEventStoreDbClient('@ledger/event-store/eventstoredb')).toBe(true);
  });
});
