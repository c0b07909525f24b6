import { describe, expect, it } from 'vitest';
import { toJUnitXml } from './junit';

describe('toJUnitXml', () => {
  it('writes one testsuite per file and one testcase per case, failures with message and diff', () => {
    const xml = toJUnitXml([
      {
        name: 'examples/orders.test.json',
        cases: [
          { name: 'passes', classname: 'orders', timeMs: 12, failures: [] },
          {
            name: 'big <orders> & "quotes"',
            classname: 'orders',
            timeMs: 1500,
            failures: [
              { path: 'output.tier', message: 'not equal', expected: 'big', actual: 'small' },
              { path: 'status', message: 'run failed', expected: 'succeeded', actual: 'failed' },
            ],
          },
        ],
      },
      { name: 'broken.test.json', cases: [], error: 'cases[0].name: Too small\nmore' },
    ]);
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="miniflow" tests="3" failures="1" errors="1" time="1.512">',
        '  <testsuite name="examples/orders.test.json" tests="2" failures="1" errors="0" skipped="0" time="1.512">',
        '    <testcase name="passes" classname="orders" time="0.012"/>',
        '    <testcase name="big &lt;orders&gt; &amp; &quot;quotes&quot;" classname="orders" time="1.500">',
        '      <failure message="output.tier: not equal" type="mismatch">output.tier: not equal',
        'expected: &quot;big&quot;'.replace(/&quot;/g, '"'),
        'actual:   "small"',
        '',
        'status: run failed',
        'expected: "succeeded"',
        'actual:   "failed"</failure>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="broken.test.json" tests="1" failures="0" errors="1" skipped="0" time="0.000">',
        '    <testcase name="broken.test.json" classname="broken.test.json" time="0">',
        '      <error message="cases[0].name: Too small">cases[0].name: Too small',
        'more</error>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('drops characters XML cannot carry', () => {
    const xml = toJUnitXml([
      { name: 'a\u0000b\ud800c', cases: [{ name: 'x', classname: 'y', timeMs: 0, failures: [] }] },
    ]);
    expect(xml).toContain('<testsuite name="abc"');
  });
});
