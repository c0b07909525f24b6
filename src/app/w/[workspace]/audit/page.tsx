import { AuditPage } from '@/features/audit/audit-page';

export default function Audit() {
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Audit</h1>
      <AuditPage />
    </>
  );
}
