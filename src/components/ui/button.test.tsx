import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Button } from './button';

describe('Button', () => {
  it.each(['secondary', 'ghost'] as const)('looks disabled when %s buttons are', (variant) => {
    const html = renderToStaticMarkup(
      <Button variant={variant} disabled>
        Undo
      </Button>,
    );
    expect(html).toContain('disabled:text-slate-400');
  });
});
