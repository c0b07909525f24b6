import { maskLabel } from './mask-label';

/** A masking rule over text: every match it accepts is replaced by its label. */
export interface TextRule {
  name: string;
  apply(text: string): string;
}

/**
 * A rule from a global regular expression; `accept` may refuse a match (a number failing its
 * checksum), and `group` masks only that capture group of each match.
 */
export function regexRule(
  name: string,
  pattern: RegExp,
  options: { accept?: (match: string) => boolean; group?: number } = {},
): TextRule {
  const label = maskLabel(name);
  const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
  const regex = new RegExp(pattern.source, flags);
  return {
    name,
    apply(text) {
      regex.lastIndex = 0;
      if (!regex.test(text)) return text;
      regex.lastIndex = 0;
      return text.replace(regex, (...args: unknown[]) => {
        const whole = args[0] as string;
        if (options.accept && !options.accept(whole)) return whole;
        if (options.group === undefined) return label;
        const part = args[options.group] as string | undefined;
        return part ? whole.replace(part, label) : whole;
      });
    },
  };
}

/** A rule masking exact values (longest first, so a value containing another goes whole). */
export function valuesRule(
  name: string,
  values: Iterable<string>,
  label = maskLabel(name),
): TextRule {
  const list = [...new Set(values)].filter((v) => v !== '').sort((a, b) => b.length - a.length);
  return {
    name,
    apply(text) {
      let out = text;
      for (const value of list) if (out.includes(value)) out = out.split(value).join(label);
      return out;
    },
  };
}
