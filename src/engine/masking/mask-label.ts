/** What replaces a masked value: the bullets and the name of the rule that matched. */
export function maskLabel(ruleName: string): string {
  return `••••[${ruleName}]`;
}
