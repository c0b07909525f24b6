export * from './flag.schema';
export * from './evaluate-flag';
export type { EvaluationContext } from './match-condition';
export { bucketOf, pickByWeight } from './fnv1a';
