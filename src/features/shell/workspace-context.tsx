'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { Role } from '@/shared/roles';

export interface WorkspaceInfo {
  slug: string;
  name: string;
  role: Role;
}

const WorkspaceContext = createContext<WorkspaceInfo | null>(null);

export function WorkspaceProvider({
  value,
  children,
}: {
  value: WorkspaceInfo;
  children: ReactNode;
}) {
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): WorkspaceInfo {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace() outside a workspace page');
  return value;
}
