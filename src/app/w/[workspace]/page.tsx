import { HomeDashboard } from '@/features/home/home-dashboard';

export default function WorkspaceHome() {
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Overview</h1>
      <HomeDashboard />
    </>
  );
}
