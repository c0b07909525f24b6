import { describe, expect, it } from 'vitest';
import { failStep } from './fail';
import { fakeContext } from './fake-context';
import { StepError } from './step-type';

describe('fail step', () => {
  it('throws a non-retryable StepError with the message', async () => {
    const err = await failStep
      .execute(failStep.params.parse({ message: 'Order 7 was rejected' }), fakeContext())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StepError);
    expect((err as StepError).message).toBe('Order 7 was rejected');
    expect((err as StepError).options.retryable).toBe(false);
    expect(failStep.params.parse({})).toEqual({ message: 'Workflow failed' });
  });

  it('rejects an empty message', () => {
    expect(failStep.params.safeParse({ message: '' }).success).toBe(false);
  });
});
