import { MonitorTabs } from '@/features/monitor/monitor-tabs';
import { QueueMonitor } from '@/features/monitor/queue-monitor';

export default function MonitorPage() {
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Monitor</h1>
      <MonitorTabs />
      <QueueMonitor />
    </>
  );
}
