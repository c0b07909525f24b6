'use client';

import { useId, useSyncExternalStore } from 'react';
import { useWorkspace } from '../../shell/workspace-context';
import { CopyButton } from './copy-button';
import { curlExample, webhookUrl, type WebhookParams } from './webhook-address';

const noSubscribe = () => () => undefined;

/** Where a Webhook Trigger listens, with copy buttons and a ready `curl` call. */
export function WebhookAddressPanel({ params }: { params: WebhookParams }) {
  const id = useId();
  const workspace = useWorkspace();
  // The origin is the browser's (the server may sit behind a proxy): none while rendering there.
  const origin = useSyncExternalStore(
    noSubscribe,
    () => window.location.origin,
    () => '',
  );
  const url = webhookUrl(origin, workspace.slug, params);
  if (!url) {
    return <p className="text-xs text-slate-600">Set a path to get this webhook&apos;s URL.</p>;
  }
  const curl = curlExample(url, params);
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-2 text-sm">
      <h3 id={`${id}-title`} className="font-semibold text-slate-800">
        Webhook URL
      </h3>
      <p className="text-xs text-slate-600">Calls start the published version of this workflow.</p>
      <div className="flex items-center gap-2">
        <input
          readOnly
          aria-label="Webhook URL"
          value={url}
          onFocus={(e) => e.target.select()}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-xs"
        />
        <CopyButton text={url} label="Copy webhook URL" />
      </div>
      <div className="flex items-start gap-2">
        <pre
          aria-label="curl example"
          className="min-w-0 flex-1 rounded-md bg-slate-900 p-2 text-xs break-all whitespace-pre-wrap text-slate-100"
        >
          {curl}
        </pre>
        <CopyButton text={curl} label="Copy curl example" />
      </div>
    </section>
  );
}
