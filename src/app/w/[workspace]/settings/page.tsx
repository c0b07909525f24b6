import { MembersSettings } from '@/features/settings/members-settings';

export default function SettingsPage() {
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Settings</h1>
      <MembersSettings />
    </>
  );
}
