import { z } from 'zod';

const name = z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters');

export const createWorkspaceInput = z.object({ name });

export const renameWorkspaceInput = z.object({ name });

export const transferOwnershipInput = z.object({
  /** The membership (in this workspace) that becomes owner. */
  membershipId: z.string().min(1, 'must not be empty').max(64, 'is not an id'),
});

export const deleteWorkspaceInput = z.object({
  /** The workspace's name, typed by the owner to confirm. */
  confirmName: z.string().max(200, 'must be at most 200 characters'),
});
