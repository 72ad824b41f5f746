/**
 * Mints a development token: npm run -s token -- --sub E1 --roles employee[,manager] [--ttl 12h]
 * Prints only the token on standard output (T=$(npm run -s token -- …) works); a mistake is
 * named on standard error with the usage, and the exit code is 2.
 * Uses AUTH_JWT_SECRET, or the demo secret in LEDGER_DATA_DIR (default ./data).
 */
import { ROLES } from '@ledger/domain';
import { devJwtSecret, loadConfig, mintToken } from '@ledger/config';
import { parseArgs } from 'node:util';

const USAGE = `usage: npm run -s token -- --sub <id> --roles <${ROLES.join('|')}>[,...] [--ttl 12h]`;

export class UsageError extends Error {}

export interface TokenRequest {
  sub: string;
  roles: string[];
  ttl: string;
}

/** Reads the arguments; a mistake throws a UsageError naming the argument. */
export function parseTokenArgs(args: string[]): TokenRequest {
  let values: { sub?: string; roles?: string; ttl?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { sub: { type: 'string' }, roles: { type: 'string' }, ttl: { type: 'string', default: '12h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // parseArgs names the argument: "Unknown option '--role'", "Option '--sub <value>' argument missing".
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (!values.sub) throw new UsageError('--sub is missing (the subject, e.g. an employee id)');
  if (!values.roles) throw new UsageError('--roles is missing');
  const roles = values.roles.split(',').filter(Boolean);
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (roles.length === 0) throw new UsageError('--roles is empty');
  if (unknown.length > 0) throw new UsageError(`--roles: unknown role ${unknown.map((r) => `'${r}'`).join(', ')}`);
  return { sub: values.sub, roles, ttl: values.ttl ?? '12h' };
}

/** Mints the token; an expiry jose cannot read is a UsageError naming --ttl. */
export async function mintRequestedToken(secret: string, request: TokenRequest): Promise<string> {
  try {
    return await mintToken(secret, request.sub, request.roles, request.ttl);
  } catch (error) {
    // jose: TypeError('Invalid time period format') for a --ttl such as '12 parsecs'.
    if (error instanceof TypeError) throw new UsageError(`--ttl: '${request.ttl}' is not a time span such as 30m, 12h or 7d`);
    throw error;
  }
}

async function main(): Promise<void> {
  const request = parseTokenArgs(process.argv.slice(2));
  const secret = devJwtSecret(loadConfig().dataDir);
  process.stdout.write(`${await mintRequestedToken(secret, request)}\n`);
}

if (require.main === module) {
  main().catch((error) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      process.exit(2);
    }
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
