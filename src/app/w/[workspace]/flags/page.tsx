import { FlagsPage } from '@/features/flags/flags-page';

export default function Flags() {
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Feature flags</h1>
      <FlagsPage />
    </>
  );
}
