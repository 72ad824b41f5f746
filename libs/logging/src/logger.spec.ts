import { PinoNestLogger, createLogger, logLevelOf, maskSettings, subjectHasher } from './logger';

describe('logger', () => {
  it('takes LOG_LEVEL from the known levels and refuses another', () => {
    expect(logLevelOf(undefined)).toBe('info');
    expect(logLevelOf('debug')).toBe('debug');
    expect(() => logLevelOf('verbose')).toThrow('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, not "verbose"');
  });

  it('writes only lines at or above the level, as JSON with level names', () => {
    const out: string[] = [];
    const logger = createLogger({ level: 'warn', destination: { write: (s: string) => void out.push(s) } });
    logger.info('hidden');
    logger.warn({ a: 1 }, 'shown');
    expect(out.map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ level: 'warn', msg: 'shown', a: 1, service: 'franvaroliggaren' })]);
  });

  it('routes Nest messages to pino with their context; the framework’s chatter at debug', () => {
    const out: string[] = [];
    const nest = new PinoNestLogger(createLogger({ level: 'info', destination: { write: (s: string) => void out.push(s) } }));
    nest.log('Mapped {/v1/absences, POST} route', 'RouterExplorer');
    nest.log('scan done', 'Reminders');
    nest.error('projection failed', 'Error: x\n    at y', 'Projections');
    const lines = out.map((l) => JSON.parse(l));
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', context: 'Reminders', msg: 'scan done' }),
      expect.objectContaining({ level: 'error', context: 'Projections', msg: 'projection failed', stack: 'Error: x\n    at y' }),
    ]);
  });

  it('masks secrets and URL credentials in the settings', () => {
    expect(
      maskSettings({
        authJwtSecret: 'x'.repeat(40),
        apiKey: 'k',
        redisKeyPrefix: 'ops:',
        redisUrl: 'redis://:pw@10.0.0.1:6379',
        notifyWebhookUrl: 'https://hooks.example/abc?token=t',
        smtpUrl: 'smtp://user:pass@mail.example:587',
        port: 3000,
        unset: undefined,
      }),
    ).toEqual({
      authJwtSecret: '[set]',
      apiKey: '[set]',
      redisKeyPrefix: 'ops:',
      redisUrl: 'redis://:***@10.0.0.1:6379',
      notifyWebhookUrl: 'https://hooks.example/abc?***',
      smtpUrl: 'smtp://***:***@mail.example:587',
      port: 3000,
      unset: null,
    });
  });

  it('hashes a sub with a key, stable for one key', () => {
    const a = subjectHasher({ LOG_SUBJECT_KEY: 'one' });
    expect(a('E1')).toMatch(/^[0-9a-f]{16}$/);
    expect(a('E1')).toBe(subjectHasher({ LOG_SUBJECT_KEY: 'one' })('E1'));
    expect(a('E1')).not.toBe(subjectHasher({ LOG_SUBJECT_KEY: 'two' })('E1'));
    expect(a('E1')).not.toBe(a('E2'));
  });
});
