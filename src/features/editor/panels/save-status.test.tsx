import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SaveStatus } from './save-status';

describe('SaveStatus', () => {
  it('shows read only in a neutral tone, unlike the green of a saved draft', () => {
    const readOnly = renderToStaticMarkup(<SaveStatus state={{ status: 'saved' }} readOnly />);
    const saved = renderToStaticMarkup(<SaveStatus state={{ status: 'saved' }} readOnly={false} />);
    expect(readOnly).toContain('Read only');
    expect(readOnly).not.toContain('emerald');
    expect(saved).toContain('text-emerald-700');
  });
});
