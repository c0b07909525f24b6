import { describe, expect, it } from 'vitest';
import { NEW_FLAG } from './flag-draft';
import { allFlagsFile, flagFile, parseFlagFile } from './flag-files';

const other = { ...NEW_FLAG, key: 'another' };

describe('flag files', () => {
  it('export one flag as its document and all flags as an array that imports back', () => {
    expect(flagFile(NEW_FLAG)).toEqual({
      name: 'new-flag.json',
      text: `${JSON.stringify(NEW_FLAG, null, 2)}\n`,
    });
    const all = allFlagsFile([NEW_FLAG, other]);
    expect(all.name).toBe('flags.json');
    expect(parseFlagFile(all.text)).toEqual({ flags: [other, NEW_FLAG] });
    expect(parseFlagFile(flagFile(NEW_FLAG).text)).toEqual({ flags: [NEW_FLAG] });
  });

  it('lists every problem with its path', () => {
    expect(parseFlagFile('{')).toEqual({ errors: [expect.stringMatching(/^Not valid JSON/)] });
    expect(parseFlagFile('[]')).toEqual({ errors: ['file: The file holds no flags'] });
    const broken = [
      NEW_FLAG,
      { ...other, defaultVariant: 'x', rules: [{ serve: { rollout: { on: 50, off: 40 } } }] },
    ];
    expect(parseFlagFile(JSON.stringify(broken))).toEqual({
      errors: [
        '1.rules.0.serve.rollout: Rollout percentages add up to 100',
        '1.defaultVariant: Unknown variant "x"',
      ],
    });
    expect(parseFlagFile(JSON.stringify({ ...NEW_FLAG, kind: 'colour' }))).toEqual({
      errors: [expect.stringMatching(/^kind: /)],
    });
    expect(parseFlagFile(JSON.stringify([NEW_FLAG, NEW_FLAG]))).toEqual({
      errors: ['1.key: "new-flag" appears twice in the file'],
    });
  });
});
