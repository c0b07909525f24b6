'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { hasRole, type Role } from '@/shared/roles';
import { useTRPC } from '@/trpc/react';
import { useWorkspace } from './workspace-context';

type Section = { href: string; label: string; minRole?: Role };

const SECTIONS: ReadonlyArray<Section> = [
  { href: '', label: 'Overview' },
  { href: 'workflows', label: 'Workflows' },
  { href: 'runs', label: 'Runs' },
  { href: 'monitor', label: 'Monitor' },
  { href: 'tests', label: 'Tests' },
  { href: 'flags', label: 'Flags' },
  { href: 'audit', label: 'Audit', minRole: 'admin' },
  { href: 'settings', label: 'Settings' },
];

/** The installation's page, listed for its instance admins only. */
const INSTANCE: Section = { href: 'instance', label: 'Instance' };

export function NavLinks({ workspace }: { workspace: string }) {
  const pathname = usePathname();
  const { role } = useWorkspace();
  const trpc = useTRPC();
  const status = useQuery(trpc.instance.status.queryOptions());
  const sections = status.data?.instanceAdmin ? [...SECTIONS, INSTANCE] : SECTIONS;
  return (
    <ul className="space-y-1">
      {sections
        .filter((s) => !s.minRole || hasRole(role, s.minRole))
        .map((s) => {
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
