/**
 * One statement for many callers: requests made while the previous statement of the same
 * kind is still in flight wait for it to end and then go out together, in one statement.
 * A lone request goes out at once, so nothing waits when the process is quiet; under load,
 * the batch grows with the round trip, and the statements (and their writes to the socket
 * and parses on both ends) per request fall.
 *
 * `runBatch` answers each input, in order. Should it fail, every request in the batch
 * gets the error.
 */
export function coalesce<I, O>(
  runBatch: (inputs: I[]) => Promise<O[]>,
  maxBatch: number,
): (input: I) => Promise<O> {
  type Waiting = { input: I; resolve: (output: O) => void; reject: (error: unknown) => void };
  const waiting: Waiting[] = [];
  let inFlight = false;

  const next = () => {
    if (inFlight || waiting.length === 0) return;
    const batch = waiting.splice(0, maxBatch);
    inFlight = true;
    // An async wrapper: a runner that throws at once fails its batch like one that rejects.
    const answered = (async () => runBatch(batch.map((w) => w.input)))();
    answered
      .then(
        (outputs) => batch.forEach((w, i) => w.resolve(outputs[i]!)),
        (error: unknown) => batch.forEach((w) => w.reject(error)),
      )
      .finally(() => {
        inFlight = false;
        next();
      });
  };

  return (input) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ input, resolve, reject });
      next();
    });
}
