import { MonitorTabs } from '@/features/monitor/monitor-tabs';
import { ResultMonitor } from '@/features/monitor/result-monitor';

export default function MonitorResultsPage() {
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Monitor</h1>
      <MonitorTabs />
      <ResultMonitor />
    </>
  );
}
