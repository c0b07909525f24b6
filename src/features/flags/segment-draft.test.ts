import { describe, expect, it } from 'vitest';
import { NEW_SEGMENT, parseSegmentText } from './segment-draft';

describe('segment editor draft', () => {
  it('accepts the new segment and names the field of the first problem', () => {
    expect(parseSegmentText(JSON.stringify(NEW_SEGMENT))).toEqual({ segment: NEW_SEGMENT });
    expect(parseSegmentText('[')).toMatchObject({
      error: expect.stringMatching(/^Not valid JSON/),
    });
    expect(parseSegmentText(JSON.stringify({ key: 'staff', targetingKeys: [] }))).toEqual({
      error: 'when: A segment has at least one condition or one targeting key',
    });
    expect(
      parseSegmentText(
        JSON.stringify({ key: 'staff', when: [{ attribute: 'a', op: 'gt', values: ['x'] }] }),
      ),
    ).toEqual({ error: 'when.0.values: "gt" compares with a number' });
  });
});
