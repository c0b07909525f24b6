import { InstancePage } from '@/features/instance/instance-page';

export default function InstanceAdminPage() {
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Instance</h1>
      <InstancePage />
    </>
  );
}
