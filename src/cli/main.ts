/**
 * The `miniflow` process: wires signals and streams to `cli()` and exits with its code.
 * Started by bin/miniflow.mjs through tsx.
 */
import { InvalidEnvironmentError } from '../server/env';
import { processIo } from './io';
import { EXIT } from './usage-error';

const cancel = new AbortController();
let interrupts = 0;
const onSignal = (name: string) => {
  interrupts += 1;
  // A second Ctrl-C means "now": a step that ignores cancellation must not hold the terminal.
  if (interrupts > 1) process.exit(130);
  process.stderr.write(`\n${name}: cancelling the run (press Ctrl-C again to force quit)\n`);
  cancel.abort(new Error(`interrupted by ${name}`));
};
process.on('SIGINT', () => onSignal('SIGINT'));
process.on('SIGTERM', () => onSignal('SIGTERM'));

let code: number;
try {
  // Loaded here, not imported above: modules that read the environment as they load must
  // report a bad variable like any other configuration problem.
  const { cli } = await import('./program');
  code = await cli(process.argv.slice(2), processIo, cancel.signal);
} catch (err) {
  if (err instanceof InvalidEnvironmentError) {
    console.error(`miniflow: ${err.message}`);
    code = EXIT.invalid;
  } else {
    console.error('miniflow: internal error:', err);
    code = 1;
  }
}
// Exit explicitly once stdout has drained: a stray timer or socket left by a step must not
// keep a finished command alive (detached child runs were already waited for).
process.stdout.write('', () => process.exit(code));
