import { describe, expect, it } from 'vitest';
import { codeStack } from './code-stack';

describe('codeStack', () => {
  it('keeps the frames of the user code, with their lines in it', () => {
    const raw =
      'TypeError: boom\n' +
      '    at f (eval at <anonymous> (miniflow-code-step:1:68), <anonymous>:4:22)\n' +
      '    at eval (eval at <anonymous> (miniflow-code-step:1:68), <anonymous>:5:8)\n' +
      '    at miniflow-code-step:1:173\n' +
      '    at miniflow-code-step:1:214';
    expect(codeStack(raw)).toBe('TypeError: boom\n    at f (code:2:22)\n    at <code> (code:3:8)');
  });

  it('gives nothing for a stack without user frames or no stack at all', () => {
    expect(codeStack('Error: x\n    at miniflow-code-step:1:1')).toBeUndefined();
    expect(codeStack(undefined)).toBeUndefined();
    expect(codeStack({})).toBeUndefined();
  });
});
