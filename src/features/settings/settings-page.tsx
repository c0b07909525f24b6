'use client';

import { hasRole } from '@/shared/roles';
import { useWorkspace } from '../shell/workspace-context';
import { AccountSettings } from './account-settings';
import { ApiKeysSettings } from './api-keys-settings';
import { CredentialsSettings } from './credentials-settings';
import { MaskingSettings } from './masking-settings';
import { MembersSettings } from './members-settings';
import { WorkspaceSettings } from './workspace-settings';

export function SettingsSections() {
  const workspace = useWorkspace();
  return (
    <div className="space-y-10">
      {hasRole(workspace.role, 'owner') ? <WorkspaceSettings /> : null}
      <MembersSettings />
      {hasRole(workspace.role, 'admin') ? <ApiKeysSettings /> : null}
      {hasRole(workspace.role, 'admin') ? <CredentialsSettings /> : null}
      {hasRole(workspace.role, 'admin') ? <MaskingSettings /> : null}
      <AccountSettings />
    </div>
  );
}
