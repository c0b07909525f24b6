import { SettingsSections } from '@/features/settings/settings-page';

export default function SettingsPage() {
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Settings</h1>
      <SettingsSections />
    </>
  );
}
