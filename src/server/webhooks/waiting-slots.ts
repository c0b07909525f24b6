/**
 * Counts the webhook requests of each workspace that hold their connection while waiting
 * for a run, in this process: one workspace's slow runs cannot tie up every connection the
 * server has, and another workspace's requests never wait for its slots.
 */
export class WaitingSlots {
  private readonly taken = new Map<string, number>();

  /** A release function when `workspaceId` has fewer than `limit` waiting, else undefined. */
  take(workspaceId: string, limit: number): (() => void) | undefined {
    const now = this.taken.get(workspaceId) ?? 0;
    if (now >= limit) return undefined;
    this.taken.set(workspaceId, now + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.taken.get(workspaceId) ?? 1) - 1;
      if (left === 0) this.taken.delete(workspaceId);
      else this.taken.set(workspaceId, left);
    };
  }

  /** Requests of `workspaceId` waiting now. */
  waiting(workspaceId: string): number {
    return this.taken.get(workspaceId) ?? 0;
  }
}
