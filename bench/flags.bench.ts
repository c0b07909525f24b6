/**
 * Flag evaluation as `$flag()` and OFREP see it: a workspace of 50 compiled flags, each with
 * a targeting rule on two attributes and a percentage rollout, evaluated for rotating
 * contexts. Microseconds per evaluation, the median of ROUNDS rounds.
 *
 *   node --import tsx bench/flags.bench.ts
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { compileFlagSet, flagSchema } from '../src/engine/flags';

const FLAGS = 50;
const EVALUATIONS = 200_000;
const ROUNDS = 5;

export async function run() {
  const set = compileFlagSet(
    Array.from({ length: FLAGS }, (_, i) =>
      flagSchema.parse({
        key: `flag-${i}`,
        kind: 'boolean',
        enabled: true,
        variants: { on: true, off: false },
        defaultVariant: 'off',
        rules: [
          {
            when: [
              { attribute: 'country', op: 'in', values: ['DE', 'FR', 'NL'] },
              { attribute: 'version', op: 'semverGte', values: ['2.0.0'] },
            ],
            serve: 'on',
          },
          { serve: { rollout: { on: 30, off: 70 } } },
        ],
      }),
    ),
  );
  const contexts = Array.from({ length: 1000 }, (_, i) => ({
    targetingKey: `user-${i}`,
    country: ['DE', 'US', 'FR', 'JP'][i % 4],
    version: `${1 + (i % 3)}.${i % 10}.0`,
  }));
  const rounds: number[] = [];
  let served = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    for (let i = 0; i < EVALUATIONS; i++) {
      if (set.evaluate(`flag-${i % FLAGS}`, contexts[i % contexts.length]!).value === true)
        served++;
    }
    rounds.push(((performance.now() - start) * 1000) / EVALUATIONS);
  }
  rounds.sort((a, b) => a - b);
  if (served === 0) throw new Error('no evaluation served "on"');
  return { flag_eval_us: Number(rounds[Math.floor(ROUNDS / 2)]!.toFixed(3)) };
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  console.log(JSON.stringify(await run()));
}
