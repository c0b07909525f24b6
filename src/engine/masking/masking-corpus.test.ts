import { describe, expect, it } from 'vitest';
import { maskSecrets } from '../expr/mask-secrets';
import { BUILTIN_RULES } from './builtin-rules';
import { CORPUS, CORPUS_CUSTOM, CORPUS_LOOKALIKES, CORPUS_SECRETS } from './masking-corpus';
import { compileMasking } from './masking-rules';

const rules = compileMasking({
  builtins: BUILTIN_RULES,
  custom: CORPUS_CUSTOM,
  secrets: CORPUS_SECRETS,
});

describe('the masking corpus', () => {
  it('holds more than 50 payloads', () => {
    expect(CORPUS.length).toBeGreaterThan(50);
  });

  it.each(CORPUS.map((c) => [c.name, c] as const))(
    '%s: every planted value masked, nothing else',
    (_name, c) => {
      const masked = maskSecrets(c.payload, [], { rules });
      expect(masked).toEqual(c.expected);
      const text = JSON.stringify(masked);
      for (const value of c.planted) expect(text).not.toContain(value);
    },
  );

  it('leaves lookalikes alone', () => {
    for (const payload of CORPUS_LOOKALIKES)
      expect(maskSecrets(payload, [], { rules })).toBe(payload);
  });

  it('masks revealed secrets in every encoded form at any offset', () => {
    const secret = CORPUS_SECRETS[1]!;
    const basic = btoa(`user:${secret}`);
    const masked = maskSecrets({ header: `Basic ${basic}` }, [secret]);
    expect(masked.header).toContain('••••[credentials]');
    expect(masked.header).not.toContain(btoa(secret).slice(2, 12));
  });
});
