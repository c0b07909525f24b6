import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { runPrisma } from '../../../scripts/lib/run-prisma';

describe('prisma/migrations', () => {
  it('produce exactly prisma/schema.prisma (no drift)', () => {
    const url = new URL(inject('pgAdminUrl'));
    url.pathname = '/postgres';
    const result = runPrisma(
      [
        'migrate',
        'diff',
        '--from-migrations',
        'prisma/migrations',
        '--to-schema-datamodel',
        'prisma/schema.prisma',
        '--exit-code',
      ],
      url.toString(),
    );
    // --exit-code: 0 = no difference, 2 = the schema has changes no migration holds.
    expect(result.stderr + result.stdout).not.toMatch(/Error/);
    expect(result.status).toBe(0);
  }, 60_000);
});
