import { UsageError, mintRequestedToken, parseTokenArgs } from './token';

describe('npm run token', () => {
  it('given a subject and roles, when parsed, then they and the default expiry come back', () => {
    expect(parseTokenArgs(['--sub', 'E1', '--roles', 'employee,manager'])).toEqual({ sub: 'E1', roles: ['employee', 'manager'], ttl: '12h' });
    expect(parseTokenArgs(['--sub', 'E1', '--roles', 'hr', '--ttl', '30m']).ttl).toBe('30m');
  });

  it.each([
    [['--sub', 'E1', '--role', 'employee'], /'--role'/],
    [['--sub', 'E1'], /--roles is missing/],
    [['--roles', 'hr'], /--sub is missing/],
    [['--sub', 'E1', '--roles', 'employe,hr'], /--roles: unknown role 'employe'/],
    [['--sub', '--roles', 'hr'], /'--sub/],
    [['--sub', 'E1', '--roles', 'hr', 'extra'], /'extra'/],
  ])('given %j, when parsed, then the mistake names the argument', (args, message) => {
    expect(() => parseTokenArgs(args)).toThrow(UsageError);
    expect(() => parseTokenArgs(args)).toThrow(message);
  });

  it('given an expiry jose cannot read, when minted, then the mistake names --ttl', async () => {
    const request = parseTokenArgs(['--sub', 'E1', '--roles', 'hr', '--ttl', '12parsecs']);
    await expect(mintRequestedToken('a-secret-that-is-long-enough-for-hs256!!', request)).rejects.toThrow(/--ttl: '12parsecs'/);
  });
});
