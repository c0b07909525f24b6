import { readdirSync } from 'node:fs';
import path from 'node:path';

export interface RoutePattern {
  /** The label: the route's folder path, e.g. `/w/[workspace]/runs/[runId]`. */
  route: string;
  regex: RegExp;
}

/** Paths no route of the app answers (probes, typos, scanners): one label for all. */
export const OTHER_ROUTE = 'other';

const ROUTE_FILE = /^(page|route)\.(tsx?|jsx?|mjs)$/;
const DYNAMIC_RANK = { static: 0, param: 1, catchAll: 2 } as const;

function segmentPattern(segment: string): { source: string; rank: number } {
  const optionalCatchAll = /^\[\[\.\.\..+\]\]$/.test(segment);
  if (optionalCatchAll) return { source: '(?:/.+)?', rank: DYNAMIC_RANK.catchAll };
  if (/^\[\.\.\..+\]$/.test(segment)) return { source: '/.+', rank: DYNAMIC_RANK.catchAll };
  if (/^\[.+\]$/.test(segment)) return { source: '/[^/]+', rank: DYNAMIC_RANK.param };
  return {
    source: `/${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
    rank: DYNAMIC_RANK.static,
  };
}

/**
 * The routes of the Next app in `appDir`, read from its folders as Next reads them (route
 * groups and parallel slots do not appear in URLs, private `_folders` are no routes), most
 * specific first. Request metrics are labelled with these patterns, never with raw paths,
 * so ids in URLs cannot multiply the series.
 */
export function routePatterns(appDir: string): RoutePattern[] {
  const found: { route: string; regex: RegExp; ranks: number[] }[] = [];
  const visit = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isFile() && ROUTE_FILE.test(entry.name)) {
        const parts = segments.map(segmentPattern);
        const route = `/${segments.join('/')}`;
        found.push({
          route,
          regex: new RegExp(`^${parts.map((p) => p.source).join('')}/?$`),
          ranks: parts.map((p) => p.rank),
        });
      } else if (entry.isDirectory() && !entry.name.startsWith('_')) {
        const hidden = /^\(.+\)$/.test(entry.name) || entry.name.startsWith('@');
        visit(path.join(dir, entry.name), hidden ? segments : [...segments, entry.name]);
      }
    }
  };
  try {
    visit(appDir, []);
  } catch (error) {
    // Without the app's sources (an unusual deployment) every request is labelled `other`.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // `/runs/new` before `/runs/[runId]`, and any parameter before a catch-all.
  found.sort((a, b) => {
    for (let i = 0; i < Math.min(a.ranks.length, b.ranks.length); i++) {
      if (a.ranks[i] !== b.ranks[i]) return a.ranks[i]! - b.ranks[i]!;
    }
    return b.ranks.length - a.ranks.length;
  });
  return found.map(({ route, regex }) => ({ route, regex }));
}

/** The route pattern a request path belongs to, for labels. */
export function routeOf(url: string, patterns: readonly RoutePattern[]): string {
  const pathname = url.split(/[?#]/, 1)[0] ?? '/';
  if (pathname === '/_next' || pathname.startsWith('/_next/')) return '/_next';
  for (const pattern of patterns) if (pattern.regex.test(pathname)) return pattern.route;
  return OTHER_ROUTE;
}
