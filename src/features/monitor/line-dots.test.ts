import { describe, expect, it } from 'vitest';
import { lineDots } from './line-dots';

describe('lineDots', () => {
  it('draws a dot for a series with one value, which a line alone would hide', () => {
    expect(lineDots([null, 120, null])).toEqual({ r: 4 });
  });

  it('leaves dots off a series that draws a line, or has nothing', () => {
    expect(lineDots([100, null, 120])).toBe(false);
    expect(lineDots([null, null])).toBe(false);
  });
});
