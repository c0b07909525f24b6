import { regexRule, type TextRule } from './text-rule';

/** Built-in rules a workspace can switch on; `credentials` masks its credentials' values. */
export const BUILTIN_RULES = ['credentials', 'bearer', 'card', 'iban', 'email'] as const;
export type BuiltinRuleName = (typeof BUILTIN_RULES)[number];

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

/** The Luhn checksum every payment card number passes. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** ISO 13616's mod-97 check: the account part then the country, letters as 10..35. */
export function passesIbanCheck(text: string): boolean {
  const compact = text.replace(/\s/g, '').toUpperCase();
  if (compact.length < 15 || compact.length > 34) return false;
  const moved = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const ch of moved) {
    const value = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

const cardRule = regexRule('card', /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/, {
  accept: (match) => {
    const digits = digitsOf(match);
    // A run of one digit passes Luhn but is filler, not a card.
    const filler = /^(\d)\1*$/.test(digits);
    return digits.length >= 13 && digits.length <= 19 && !filler && passesLuhn(digits);
  },
});

const ibanRule = regexRule('iban', /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/, {
  accept: passesIbanCheck,
});

const emailRule = regexRule(
  'email',
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/,
);

const jwtRule = regexRule('bearer', /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/);
const bearerRule = regexRule('bearer', /\bBearer\s+([A-Za-z0-9\-._~+/]{8,}=*)/i, { group: 1 });

/** The text rules of the built-ins switched on, but `credentials` (it needs the values). */
export function builtinTextRules(enabled: Iterable<string>): TextRule[] {
  const on = new Set(enabled);
  const rules: TextRule[] = [];
  if (on.has('bearer')) rules.push(jwtRule, bearerRule);
  if (on.has('card')) rules.push(cardRule);
  if (on.has('iban')) rules.push(ibanRule);
  if (on.has('email')) rules.push(emailRule);
  return rules;
}
