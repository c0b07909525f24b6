import { describe, expect, it } from 'vitest';
import { findChromium, NO_CHROMIUM_MESSAGE, type BrowserProbe } from './find-chromium';

function probe(files: string[], options: { bundled?: string; searchPath?: string } = {}) {
  const present = new Set(files);
  return {
    bundledPath: () => options.bundled,
    searchPath: options.searchPath ?? '/usr/local/bin:/usr/bin:/bin',
    isExecutable: (file: string) => present.has(file),
  } satisfies BrowserProbe;
}

const bundled = '/root/.cache/ms-playwright/chromium-1200/chrome-linux/chrome';

describe('findChromium', () => {
  it("prefers Playwright's own Chromium when it is installed", () => {
    expect(findChromium(probe([bundled, '/usr/bin/chromium'], { bundled }))).toEqual({
      path: bundled,
      bundled: true,
    });
  });

  it('falls back to a system Chromium on PATH', () => {
    expect(findChromium(probe(['/usr/bin/chromium'], { bundled }))).toEqual({
      path: '/usr/bin/chromium',
      bundled: false,
    });
    expect(
      findChromium(probe(['/opt/bin/google-chrome'], { searchPath: '/opt/bin:/usr/bin' })),
    ).toEqual({ path: '/opt/bin/google-chrome', bundled: false });
  });

  it('finds nothing on a machine without a browser, and says what to install', () => {
    expect(findChromium(probe([], { bundled }))).toBeUndefined();
    expect(findChromium(probe(['/usr/bin/chromium'], { searchPath: '' }))).toBeUndefined();
    expect(NO_CHROMIUM_MESSAGE).toContain('apt-get install chromium');
    expect(NO_CHROMIUM_MESSAGE).toContain('npx playwright install chromium');
  });
});
