import { describe, expect, it } from 'vitest';
import { NEW_FLAG, parseFlagText, sliderRule, withRollout } from './flag-draft';

describe('flag editor draft', () => {
  it('moves the last two-variant rollout with the slider', () => {
    expect(sliderRule(NEW_FLAG)).toBe(0);
    expect(withRollout(NEW_FLAG, 30).rules[0]).toEqual({ serve: { rollout: { on: 30, off: 70 } } });
    const fixed = { ...NEW_FLAG, rules: [{ serve: 'on' }] };
    expect(sliderRule(fixed)).toBe(-1);
    expect(withRollout(fixed, 30)).toBe(fixed);
  });

  it('names the field of the first problem', () => {
    expect(parseFlagText('{')).toMatchObject({ error: expect.stringMatching(/^Not valid JSON/) });
    expect(parseFlagText(JSON.stringify({ ...NEW_FLAG, defaultVariant: 'x' }))).toEqual({
      error: 'defaultVariant: Unknown variant "x"',
    });
    expect(parseFlagText(JSON.stringify(NEW_FLAG))).toEqual({ flag: NEW_FLAG });
  });
});
