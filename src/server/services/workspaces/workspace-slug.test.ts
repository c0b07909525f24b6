import { describe, expect, it } from 'vitest';
import { slugFrom } from './workspace-slug';

describe('slugFrom', () => {
  it.each([
    ['Acme & Co.', 'acme-co'],
    ['  Team Two  ', 'team-two'],
    ['Équipe Zürich', 'equipe-zurich'],
    ['!!!', 'workspace'],
    ['a'.repeat(39) + ' b', 'a'.repeat(39)],
  ])('%j → %j', (name, slug) => {
    expect(slugFrom(name)).toBe(slug);
  });
});
