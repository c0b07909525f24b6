import { Suspense } from 'react';
import { RunsPage } from '@/features/runs/runs-page';

export default function Runs() {
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Runs</h1>
      <Suspense fallback={<p className="text-sm text-slate-500">Loading runs…</p>}>
        <RunsPage />
      </Suspense>
    </>
  );
}
