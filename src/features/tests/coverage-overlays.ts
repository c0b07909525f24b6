import type { Coverage } from '@/engine';
import type { StepStatusOverlay } from '../editor/model/flow-types';

/**
 * The suite's coverage drawn on the canvas: each step marked tested or untested, with the
 * ports and connections leaving it that no case took.
 */
export function coverageOverlays(coverage: Coverage): Record<string, StepStatusOverlay> {
  const overlays: Record<string, StepStatusOverlay> = {};
  const missed = new Map<string, string[]>();
  for (const item of coverage.items) {
    if (item.kind === 'step' || item.covered) continue;
    const label =
      item.kind === 'port' ? `port ${item.port ?? ''}` : `→ ${item.to ?? ''} (${item.port ?? ''})`;
    missed.set(item.nodeId, [...(missed.get(item.nodeId) ?? []), label]);
  }
  for (const item of coverage.items) {
    if (item.kind !== 'step') continue;
    const branches = missed.get(item.nodeId);
    overlays[item.nodeId] = {
      status: item.covered ? 'tested' : 'untested',
      attempts: 0,
      ...(branches ? { outputPreview: `Untested: ${branches.join(', ')}` } : {}),
    };
  }
  return overlays;
}
