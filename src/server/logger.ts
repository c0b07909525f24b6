import pino from 'pino';

/**
 * Structured JSON logs. Credentials and secrets are redacted wherever they appear in a
 * logged object, so a careless `logger.info({ req })` cannot leak them.
 */
export const logger = pino({
  level: process.env.MINIFLOW_LOG_LEVEL ?? 'info',
  base: { service: 'miniflow' },
  redact: {
    paths: [
      'password',
      '*.password',
      'passwordHash',
      '*.passwordHash',
      'authorization',
      '*.authorization',
      'headers.cookie',
      '*.headers.cookie',
      'secret',
      '*.secret',
      'token',
      '*.token',
    ],
    censor: '[redacted]',
  },
});
