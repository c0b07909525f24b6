import { describe, expect, it } from 'vitest';
import { renderStatic } from '../config/render-static';
import { VersionHistory } from './version-history';

const versions = [
  {
    id: 'v2',
    number: 2,
    message: 'Add retries',
    createdAt: new Date('2026-05-01T10:00:00Z'),
    createdById: 'u1',
    author: { name: 'Ada', email: 'ada@example.com' },
    published: true,
    testResults: null,
  },
  {
    id: 'v1',
    number: 1,
    message: '',
    createdAt: new Date('2026-04-01T10:00:00Z'),
    createdById: null,
    author: null,
    published: false,
    testResults: null,
  },
];

function render(canEdit: boolean) {
  return renderStatic(
    <VersionHistory
      workflowId="wf"
      canEdit={canEdit}
      onOpenVersion={() => {}}
      onRestore={() => {}}
    />,
    (trpc, client) => client.setQueryData(trpc.workflow.versions.queryKey({ id: 'wf' }), versions),
  );
}

describe('VersionHistory', () => {
  it('lists versions with author, time and message, and offers open, compare and restore', () => {
    const html = render(true);
    expect(html).toContain('v2');
    expect(html).toContain('Ada');
    expect(html).toContain('Add retries');
    expect(html).toContain('unknown author');
    expect(html).toContain('dateTime="2026-05-01T10:00:00.000Z"');
    expect(html).toContain('aria-label="Open version 1"');
    expect(html).toContain('aria-label="Restore version 2 as draft"');
    expect(html).toContain('Compare versions');
  });

  it('offers no restore without the editor role', () => {
    const html = render(false);
    expect(html).toContain('aria-label="Open version 2"');
    expect(html).not.toContain('aria-label="Restore version');
  });
});
