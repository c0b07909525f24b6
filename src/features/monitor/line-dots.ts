/**
 * A line needs two points: a series with only one value (every run in one interval) would
 * draw nothing at all without dots. Dots are drawn then, and left off for a real line.
 */
export function lineDots(values: readonly (number | null)[]): false | { r: number } {
  return values.filter((v) => v !== null).length === 1 ? { r: 4 } : false;
}
