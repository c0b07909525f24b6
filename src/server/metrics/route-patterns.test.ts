import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OTHER_ROUTE, routeOf, routePatterns } from './route-patterns';

function appDir(files: string[]): string {
  const root = mkdtempSync(path.join(tmpdir(), 'routes-'));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), '');
  }
  return root;
}

describe('route patterns', () => {
  const patterns = routePatterns(
    appDir([
      'page.tsx',
      'layout.tsx',
      'w/[workspace]/runs/page.tsx',
      'w/[workspace]/runs/[runId]/page.tsx',
      'w/[workspace]/runs/new/page.tsx',
      'w/[workspace]/_parts/page.tsx',
      '(marketing)/about/page.tsx',
      'api/hooks/[workspace]/[...path]/route.ts',
      'api/trpc/[trpc]/route.ts',
      'api/metrics/route.ts',
      'docs/[[...slug]]/page.tsx',
    ]),
  );

  it('labels requests with the route pattern, never with ids from the path', () => {
    expect(routeOf('/', patterns)).toBe('/');
    expect(routeOf('/w/acme/runs?status=failed', patterns)).toBe('/w/[workspace]/runs');
    expect(routeOf('/w/acme/runs/cm123/', patterns)).toBe('/w/[workspace]/runs/[runId]');
    expect(routeOf('/w/acme/runs/new', patterns)).toBe('/w/[workspace]/runs/new');
    expect(routeOf('/api/hooks/acme/a/b/c', patterns)).toBe('/api/hooks/[workspace]/[...path]');
    expect(routeOf('/api/trpc/run.list,workflow.list?batch=1', patterns)).toBe('/api/trpc/[trpc]');
    expect(routeOf('/api/metrics', patterns)).toBe('/api/metrics');
    expect(routeOf('/docs', patterns)).toBe('/docs/[[...slug]]');
    expect(routeOf('/docs/a/b', patterns)).toBe('/docs/[[...slug]]');
  });

  it('leaves route groups out of URLs and private folders out of the routes', () => {
    expect(routeOf('/about', patterns)).toBe('/about');
    expect(routeOf('/w/acme/_parts', patterns)).toBe(OTHER_ROUTE);
  });

  it('folds framework assets and unknown paths into one label each', () => {
    expect(routeOf('/_next/static/chunks/abc123.js', patterns)).toBe('/_next');
    expect(routeOf('/wp-admin/setup.php', patterns)).toBe(OTHER_ROUTE);
    expect(routeOf('/w/acme/runs/cm123/extra', patterns)).toBe(OTHER_ROUTE);
  });

  it('labels everything `other` when there is no app folder', () => {
    const none = routePatterns(path.join(tmpdir(), 'no-such-app-folder'));
    expect(routeOf('/w/acme', none)).toBe(OTHER_ROUTE);
  });

  it('reads the routes of this app', () => {
    const app = routePatterns(path.resolve(import.meta.dirname, '../../app'));
    expect(app.map((p) => p.route)).toContain('/api/hooks/[workspace]/[...path]');
    expect(routeOf('/api/health', app)).toBe('/api/health');
  });
});
