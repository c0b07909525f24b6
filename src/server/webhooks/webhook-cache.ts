import type { HookLookup, HookTarget } from './find-webhook';

type Found = Extract<HookLookup, { kind: 'found' }>;

const TTL_MS = 10_000;
const MAX_ENTRIES = 1_000;

/**
 * Webhooks recently found, so a busy hook is not looked up on every request. An entry is
 * only ever used by an optimistic start, whose single statement re-checks that the webhook
 * and its workflow are still exactly as found (save-run.ts): a stale entry costs a fresh
 * look-up, never a run of a version that is no longer published. Misses are not kept, so
 * a newly published webhook answers at once.
 */
export class WebhookCache {
  private readonly entries = new Map<string, { found: Found; at: number }>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  get(target: HookTarget, method: string): Found | undefined {
    const key = cacheKey(target, method);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at > TTL_MS) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.found;
  }

  set(target: HookTarget, method: string, found: Found): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(cacheKey(target, method), { found, at: this.now() });
  }

  delete(target: HookTarget, method: string): void {
    this.entries.delete(cacheKey(target, method));
  }
}

const cacheKey = (target: HookTarget, method: string) =>
  `${method} ${target.workspace}\n${target.path}`;
