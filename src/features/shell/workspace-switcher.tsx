'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTRPC } from '@/trpc/react';

/** Moves between the caller's workspaces; each has its own URL (/w/<slug>/…). */
export function WorkspaceSwitcher({ current }: { current: { slug: string; name: string } }) {
  const trpc = useTRPC();
  const router = useRouter();
  const mine = useQuery(trpc.workspace.mine.queryOptions());
  const workspaces = mine.data ?? [current];
  return (
    <div className="space-y-1">
      <label htmlFor="workspace-switcher" className="sr-only">
        Workspace
      </label>
      <select
        id="workspace-switcher"
        value={current.slug}
        onChange={(e) => router.push(`/w/${encodeURIComponent(e.target.value)}/workflows`)}
        className="w-full rounded-md border border-slate-300 px-2 py-1 text-xs text-slate-700"
      >
        {workspaces.map((w) => (
          <option key={w.slug} value={w.slug}>
            {w.name}
          </option>
        ))}
      </select>
      <Link href="/workspaces/new" className="block text-xs text-brand-700 hover:underline">
        New workspace
      </Link>
    </div>
  );
}
