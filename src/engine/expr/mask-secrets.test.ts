import { describe, expect, it } from 'vitest';
import { maskSecrets } from './mask-secrets';

describe('maskSecrets', () => {
  it('masks secrets anywhere, keys included, without touching the input', () => {
    const input = { header: 'Bearer s3cr3t', list: ['x s3cr3t y', 1, null], s3cr3t: true };
    expect(maskSecrets(input, ['s3cr3t'])).toEqual({
      header: 'Bearer ••••[credentials]',
      list: ['x ••••[credentials] y', 1, null],
      '••••[credentials]': true,
    });
    expect(input.header).toBe('Bearer s3cr3t');
  });

  it('masks the longest secret first and ignores empty ones', () => {
    expect(maskSecrets('abc-abcdef', ['abc', 'abcdef', ''])).toBe(
      '••••[credentials]-••••[credentials]',
    );
    expect(maskSecrets('keep', [''])).toBe('keep');
  });

  it('survives cycles', () => {
    const a: Record<string, unknown> = { s: 'pw' };
    a.self = a;
    expect(() => maskSecrets(a, ['pw'])).not.toThrow();
  });
});

describe('maskSecrets walks', () => {
  it('returns the input itself when nothing changed, and shares the untouched branches', () => {
    const input = { clean: { a: [1, 'x'] }, dirty: { b: 'pw here' } };
    expect(maskSecrets(input, ['absent'])).toBe(input);
    const out = maskSecrets(input, ['pw']);
    expect(out).toEqual({ clean: { a: [1, 'x'] }, dirty: { b: '••••[credentials] here' } });
    expect(out.clean).toBe(input.clean);
  });

  it('replaces the values of secret keys whole, at any depth, with the chosen mask', () => {
    const input = { a: { password: { nested: 1 }, list: [{ apiToken: 't' }] }, name: 'n' };
    const out = maskSecrets(input, [], {
      mask: '[gone]',
      isSecretKey: (key) => key === 'password' || key.endsWith('Token'),
    });
    expect(out).toEqual({ a: { password: '[gone]', list: [{ apiToken: '[gone]' }] }, name: 'n' });
    expect(input.a.password).toEqual({ nested: 1 });
  });

  it('copies other objects into plain ones by default, and keeps them when asked', () => {
    class Box {
      constructor(public text: string) {}
    }
    const box = new Box('has pw');
    expect(maskSecrets({ box }, ['pw']).box).toEqual({ text: 'has ••••[credentials]' });
    expect(maskSecrets({ box }, ['pw'], { otherObjects: 'keep' }).box).toBe(box);
  });

  it('keeps errors errors, with message, stack, fields and cause masked', () => {
    const error = Object.assign(new TypeError('failed with pw', { cause: { token: 'pw' } }), {
      code: 'pw-code',
    });
    const out = maskSecrets(error, ['pw']);
    expect(out).toBeInstanceOf(Error);
    expect(out.name).toBe('TypeError');
    expect(out.message).toBe('failed with ••••[credentials]');
    expect(out.stack).not.toContain('pw');
    expect(out.code).toBe('••••[credentials]-code');
    expect(out.cause).toEqual({ token: '••••[credentials]' });
    expect(error.message).toBe('failed with pw');
    const clean = new Error('nothing here');
    expect(maskSecrets(clean, ['pw'])).toBe(clean);
  });

  it('replaces a cycle by the mask without walking it again and again', () => {
    const node: Record<string, unknown> = { s: 'pw' };
    // Two ways back to itself at every level: walking until a depth limit would never end.
    node.left = node;
    node.right = node;
    const started = performance.now();
    expect(maskSecrets(node, ['pw'])).toEqual({
      s: '••••[credentials]',
      left: '••••[credentials]',
      right: '••••[credentials]',
    });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('replaces what lies deeper than 100 levels by the mask', () => {
    let deep: unknown = 'pw at the bottom';
    for (let i = 0; i < 150; i++) deep = { next: deep };
    const out = JSON.stringify(maskSecrets({ top: 'pw', deep }, ['pw']));
    expect(out).not.toContain('pw');
    expect(out).toContain('"top":"••••[credentials]"');
    expect(out.split('"next"').length - 1).toBeLessThan(101);
  });

  it('keeps a __proto__ key as data', () => {
    const input = JSON.parse('{"__proto__": {"x": "pw"}, "y": "pw"}') as Record<string, unknown>;
    const out = maskSecrets(input, ['pw']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe(
      '{"__proto__":{"x":"••••[credentials]"},"y":"••••[credentials]"}',
    );
  });
});
