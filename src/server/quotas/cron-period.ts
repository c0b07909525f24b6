import { CronPattern } from 'croner';

/**
 * Whether a cron pattern fires more than once in some minute: its seconds field matches more
 * than one second. Any other field only picks which minutes fire, never closer than a minute
 * apart, so this is exactly "a period under a minute". `expression` is a valid pattern.
 */
export function firesMoreThanOncePerMinute(expression: string): boolean {
  const pattern = new CronPattern(expression.trim(), undefined, { mode: '5-or-6-parts' });
  return pattern.second.filter(Boolean).length > 1;
}
