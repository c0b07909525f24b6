'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useWorkspace } from '../shell/workspace-context';

/** Queue and Results are two pages of the monitor. */
export function MonitorTabs() {
  const { slug } = useWorkspace();
  const pathname = usePathname();
  const tabs = [
    { href: `/w/${slug}/monitor`, label: 'Queue' },
    { href: `/w/${slug}/monitor/results`, label: 'Results' },
  ];
  return (
    <nav aria-label="Monitor" className="mb-6 flex gap-2 border-b border-slate-200">
      {tabs.map((tab) => {
        const current = pathname === tab.href;
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={current ? 'page' : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${current ? 'border-brand-600 font-medium text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
