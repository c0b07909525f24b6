import {
  compileFlagSet,
  flagSchema,
  segmentSchema,
  type Flag,
  type FlagSet,
  type Flags,
  type Segment,
} from '@/engine';
import type { Db } from '../db';
import { logger } from '../logger';
import type { NoticeSource } from '../events/channel-listener';

export interface FlagNotice {
  workspaceId: string;
}

interface Entry {
  set: FlagSet;
  /** Counts and version sums of flags and segments: change with every write, so they make the ETag. */
  etag: string;
}

/** Workflows whose workspace a process remembers: enough for every busy one, bounded for the rest. */
export const DEFAULT_MAX_KNOWN_WORKFLOWS = 10_000;

/**
 * Each workspace's flags, compiled once and kept until a NOTIFY says they changed (or the
 * listener reconnected, when notices may have been missed). An evaluation is then a lookup
 * and a walk over closures, with no database round trip.
 */
export class FlagCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry>>();
  /** Bumped by every notice: a load that a notice overtook is not kept. */
  private readonly generation = new Map<string, number>();
  private readonly unsubscribe = new Map<string, () => void>();
  private readonly workflowWorkspace = new Map<string, string>();

  constructor(
    private readonly db: Db,
    private readonly listener: NoticeSource<FlagNotice>,
    private readonly maxKnownWorkflows = DEFAULT_MAX_KNOWN_WORKFLOWS,
  ) {}

  /** How many workflows' workspaces are remembered (at most `maxKnownWorkflows`). */
  get knownWorkflows(): number {
    return this.workflowWorkspace.size;
  }

  async forWorkspace(workspaceId: string): Promise<Entry> {
    const cached = this.entries.get(workspaceId);
    if (cached) return cached;
    const pending = this.loading.get(workspaceId);
    if (pending) return pending;
    this.watch(workspaceId);
    const started = this.generation.get(workspaceId) ?? 0;
    const load = this.load(workspaceId).then((entry) => {
      this.loading.delete(workspaceId);
      if ((this.generation.get(workspaceId) ?? 0) === started) this.entries.set(workspaceId, entry);
      return entry;
    });
    load.catch(() => this.loading.delete(workspaceId));
    this.loading.set(workspaceId, load);
    return load;
  }

  /** The Flags port for a run's steps: the workflow's workspace is looked up once. */
  flagsForWorkflow(workflowId: string): Flags {
    return {
      evaluate: async (key, context) => {
        const workspaceId = await this.workspaceOf(workflowId);
        return (await this.forWorkspace(workspaceId)).set.evaluate(key, context);
      },
    };
  }

  close(): void {
    for (const stop of this.unsubscribe.values()) stop();
    this.unsubscribe.clear();
    this.entries.clear();
  }

  /** A workflow never changes workspace; the least recently used are forgotten beyond the bound. */
  private async workspaceOf(workflowId: string): Promise<string> {
    const known = this.workflowWorkspace.get(workflowId);
    if (known) {
      // Map keeps insertion order: moving a hit to the end makes the first key the coldest.
      this.workflowWorkspace.delete(workflowId);
      this.workflowWorkspace.set(workflowId, known);
      return known;
    }
    const { workspaceId } = await this.db.workflow.findUniqueOrThrow({
      where: { id: workflowId },
      select: { workspaceId: true },
    });
    this.workflowWorkspace.set(workflowId, workspaceId);
    while (this.workflowWorkspace.size > this.maxKnownWorkflows) {
      const coldest = this.workflowWorkspace.keys().next().value as string;
      this.workflowWorkspace.delete(coldest);
    }
    return workspaceId;
  }

  private watch(workspaceId: string): void {
    if (this.unsubscribe.has(workspaceId)) return;
    const stop = this.listener.subscribe(workspaceId, () => {
      this.generation.set(workspaceId, (this.generation.get(workspaceId) ?? 0) + 1);
      this.entries.delete(workspaceId);
    });
    this.unsubscribe.set(workspaceId, stop);
  }

  private async load(workspaceId: string): Promise<Entry> {
    const [flagRows, segmentRows] = await Promise.all([
      this.db.featureFlag.findMany({
        where: { workspaceId },
        select: { key: true, definition: true, version: true },
        orderBy: { key: 'asc' },
      }),
      this.db.flagSegment.findMany({
        where: { workspaceId },
        select: { key: true, definition: true, version: true },
      }),
    ]);
    const flags = parsedRows(flagRows, flagSchema, workspaceId, 'flag');
    const segments = parsedRows(segmentRows, segmentSchema, workspaceId, 'segment');
    const sum = (rows: { version: number }[]) => rows.reduce((total, r) => total + r.version, 0);
    return {
      set: compileFlagSet(flags, segments),
      etag: `"${flagRows.length}-${sum(flagRows)}-${segmentRows.length}-${sum(segmentRows)}"`,
    };
  }
}

function parsedRows<T extends Flag | Segment>(
  rows: { key: string; definition: unknown }[],
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
  workspaceId: string,
  what: 'flag' | 'segment',
): T[] {
  const parsed: T[] = [];
  for (const row of rows) {
    const result = schema.safeParse(row.definition);
    if (result.success) parsed.push(result.data);
    else logger.warn({ workspaceId, [what]: row.key }, `Stored ${what} no longer parses; left out`);
  }
  return parsed;
}
