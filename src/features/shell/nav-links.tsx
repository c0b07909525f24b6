'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { hasRole, type Role } from '@/shared/roles';
import { useWorkspace } from './workspace-context';

const SECTIONS: ReadonlyArray<{ href: string; label: string; minRole?: Role }> = [
  { href: '', label: 'Overview' },
  { href: 'workflows', label: 'Workflows' },
  { href: 'runs', label: 'Runs' },
  { href: 'monitor', label: 'Monitor' },
  { href: 'tests', label: 'Tests' },
  { href: 'flags', label: 'Flags' },
  { href: 'audit', label: 'Audit', minRole: 'admin' },
  { href: 'settings', label: 'Settings' },
];

export function NavLinks({ workspace }: { workspace: string }) {
  const pathname = usePathname();
  const { role } = useWorkspace();
  return (
    <ul className="space-y-1">
      {SECTIONS.filter((s) => !s.minRole || hasRole(role, s.minRole)).map((s) => {
        const href = s.href ? `/w/${workspace}/${s.href}` : `/w/${workspace}`;
        // Every page of the workspace starts with the overview's path: match it exactly.
        const active = s.href ? pathname.startsWith(href) : pathname === href;
        return (
          <li key={s.href}>
            <Link
              href={href}
              aria-current={active ? 'page' : undefined}
              className={`block rounded-md px-3 py-1.5 text-sm ${active ? 'bg-brand-50 font-medium text-brand-700' : 'text-slate-700 hover:bg-slate-100'}`}
            >
              {s.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
