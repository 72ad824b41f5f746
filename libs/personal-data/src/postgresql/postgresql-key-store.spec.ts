import { Client, Pool } from 'pg';
import { keyStoreContract } from '../testing/key-store.contract';
import { PostgresqlKeyStore } from './postgresql-key-store';

/** Databases of this suite are named privacy_keys_<pid>_<n> and dropped afterwards. */
const admin = process.env.PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const made: string[] = [];
const pools: Pool[] = [];
let n = 0;

afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  const c = new Client({ connectionString: admin });
  await c.connect();
  for (const db of made) await c.query(`DROP DATABASE IF EXISTS ${db}`);
  await c.end();
});

keyStoreContract('PostgreSQL', async () => {
  const db = `privacy_keys_${process.pid}_${++n}`;
  const c = new Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${db}`);
  await c.end();
  made.push(db);
  const url = new URL(admin);
  url.pathname = `/${db}`;
  const pool = new Pool({ connectionString: url.toString(), max: 2 });
  pools.push(pool);
  return new PostgresqlKeyStore({ pool });
});
