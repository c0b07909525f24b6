'use client';

import { hasRole } from '@/shared/roles';
import { useWorkspace } from '../shell/workspace-context';
import { AccountSettings } from './account-settings';
import { ApiKeysSettings } from './api-keys-settings';
import { CredentialsSettings } from './credentials-settings';
import { MaskingSettings } from './masking-settings';
import { LimitsSettings } from './limits-settings';
import { MembersSettings } from './members-settings';
import { PolicySettings } from './policy-settings';
import { WorkspaceSettings } from './workspace-settings';

export function SettingsSections() {
  const workspace = useWorkspace();
  return (
    <div className="space-y-10">
      <p className="text-sm text-slate-600">
        This workspace&apos;s id in addresses is <code className="font-mono">{workspace.slug}</code>
        : its webhooks answer under <code className="font-mono">/api/hooks/{workspace.slug}/</code>.
      </p>
      {hasRole(workspace.role, 'owner') ? <WorkspaceSettings /> : null}
      <MembersSettings />
      {hasRole(workspace.role, 'admin') ? <ApiKeysSettings /> : null}
      {hasRole(workspace.role, 'admin') ? <CredentialsSettings /> : null}
      {hasRole(workspace.role, 'admin') ? <MaskingSettings /> : null}
      <LimitsSettings />
      <PolicySettings />
      <AccountSettings />
    </div>
  );
}
