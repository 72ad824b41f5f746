/**
 * Mints a development token: npm run token -- --sub E1 --roles employee[,manager] [--ttl 12h]
 * Uses AUTH_JWT_SECRET, or the demo secret in LEDGER_DATA_DIR (default ./data).
 */
import { ROLES } from '@ledger/domain';
import { devJwtSecret, loadConfig, mintToken } from '@ledger/config';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const sub = arg('sub');
  const roles = (arg('roles') ?? '').split(',').filter(Boolean);
  if (!sub || roles.length === 0 || roles.some((r) => !(ROLES as readonly string[]).includes(r))) {
    console.error(`usage: npm run token -- --sub <id> --roles <${ROLES.join('|')}>[,...] [--ttl 12h]`);
    process.exit(2);
  }
  const secret = devJwtSecret(loadConfig().dataDir);
  console.log(await mintToken(secret, sub, roles, arg('ttl') ?? '12h'));
}

void main();
