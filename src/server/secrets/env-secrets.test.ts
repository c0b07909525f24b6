import { describe, expect, it } from 'vitest';
import { createEnvSecrets, environmentSecrets, envSecretName } from './env-secrets';

describe('createEnvSecrets', () => {
  it('reads MINIFLOW_SECRET_<NAME> and remembers values for masking', async () => {
    const secrets = createEnvSecrets({
      MINIFLOW_SECRET_API_KEY: 'upper',
      MINIFLOW_SECRET_exact: 'exact',
      MINIFLOW_SECRET_EMPTY: '',
    });
    expect(envSecretName('api-key')).toBe('MINIFLOW_SECRET_API_KEY');
    expect(await secrets.get('api-key')).toBe('upper');
    expect(await secrets.get('API_KEY')).toBe('upper');
    expect(await secrets.get('exact')).toBe('exact');
    expect(await secrets.get('missing')).toBeUndefined();
    expect(await secrets.get('EMPTY')).toBe('');
    expect([...secrets.revealed].sort()).toEqual(['exact', 'upper']);
  });
});

describe('environmentSecrets', () => {
  it('reads secret values from MINIFLOW_SECRET_* variables', () => {
    const env = {
      MINIFLOW_SECRET_A: 'abc',
      MINIFLOW_SECRET_B: 'abcdef',
      MINIFLOW_SECRET_C: '',
      X: 'y',
    };
    expect(environmentSecrets(env).sort()).toEqual(['abc', 'abcdef']);
  });
});
