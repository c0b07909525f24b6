/**
 * Why an evaluator process died, from the last lines it wrote: V8 reports running out of
 * heap, or an array or string past its maximum size, and then aborts.
 */
export function crashReason(stderr: string, memoryMb: number): string {
  if (/heap limit|out of memory|Allocation failed/i.test(stderr)) {
    return `exceeded the ${memoryMb} MB memory limit`;
  }
  if (/invalid (size|array length|string length|table size)/i.test(stderr)) {
    return 'exceeded the maximum size of an array or string';
  }
  const line = stderr.trim().split('\n').pop()?.trim();
  return `stopped the expression evaluator${line ? ` (${line})` : ''}`;
}
