import { compileFlagSet, flagSchema, type Flag, type FlagSet, type Flags } from '@/engine';
import type { Db } from '../db';
import { logger } from '../logger';
import type { ChannelListener } from '../events/channel-listener';

export interface FlagNotice {
  workspaceId: string;
}

interface Entry {
  set: FlagSet;
  /** Highest flag version and count: changes with every write, so it makes the ETag. */
  etag: string;
}

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
    private readonly listener: ChannelListener<FlagNotice>,
  ) {}

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
        let workspaceId = this.workflowWorkspace.get(workflowId);
        if (!workspaceId) {
          const row = await this.db.workflow.findUniqueOrThrow({
            where: { id: workflowId },
            select: { workspaceId: true },
          });
          workspaceId = row.workspaceId;
          this.workflowWorkspace.set(workflowId, workspaceId);
        }
        return (await this.forWorkspace(workspaceId)).set.evaluate(key, context);
      },
    };
  }

  close(): void {
    for (const stop of this.unsubscribe.values()) stop();
    this.unsubscribe.clear();
    this.entries.clear();
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
    const rows = await this.db.featureFlag.findMany({
      where: { workspaceId },
      select: { key: true, definition: true, version: true },
      orderBy: { key: 'asc' },
    });
    const flags: Flag[] = [];
    for (const row of rows) {
      const parsed = flagSchema.safeParse(row.definition);
      if (parsed.success) flags.push(parsed.data);
      else logger.warn({ workspaceId, flag: row.key }, 'Stored flag no longer parses; left out');
    }
    const versions = rows.reduce((sum, r) => sum + r.version, 0);
    return { set: compileFlagSet(flags), etag: `"${rows.length}-${versions}"` };
  }
}
