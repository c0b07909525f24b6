import type { ReactNode } from 'react';
import type { Role } from '@/shared/roles';
import { NavLinks } from './nav-links';
import { SignOutButton } from './sign-out-button';
import { WorkspaceProvider } from './workspace-context';
import { WorkspaceSwitcher } from './workspace-switcher';

interface AppShellProps {
  workspace: { slug: string; name: string; role: Role };
  userEmail: string;
  signOutAction: () => Promise<void>;
  children: ReactNode;
}

export function AppShell({ workspace, userEmail, signOutAction, children }: AppShellProps) {
  return (
    <WorkspaceProvider value={workspace}>
      <div className="flex min-h-full">
        <nav
          aria-label="Main"
          className="flex w-56 shrink-0 flex-col border-r border-slate-200 bg-white p-4"
        >
          <div className="mb-6 space-y-2 px-3">
            <div className="text-lg font-bold text-brand-700">MiniFlow</div>
            <WorkspaceSwitcher current={workspace} />
          </div>
          <NavLinks workspace={workspace.slug} />
          <div className="mt-auto border-t border-slate-200 pt-4 text-xs text-slate-500">
            <div className="truncate px-3" title={userEmail}>
              {userEmail}
            </div>
            <div className="px-3 pb-2">Role: {workspace.role}</div>
            <SignOutButton action={signOutAction} />
          </div>
        </nav>
        <main className="min-w-0 flex-1 p-8">{children}</main>
      </div>
    </WorkspaceProvider>
  );
}
