import type { NodeView } from '@/engine';
import type { StepStatusOverlay } from '../model/flow-types';

const PREVIEW_LENGTH = 80;

/** A one-line glimpse of a value, cut to `max` characters. */
export function previewValue(value: unknown, max = PREVIEW_LENGTH): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined) return undefined;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * What each step of a run draws on its canvas node: its status and attempts as the run
 * view has them, and a glimpse of its latest attempt's output or error.
 */
export function stepOverlays(nodes: readonly NodeView[]): Record<string, StepStatusOverlay> {
  const overlays: Record<string, StepStatusOverlay> = {};
  for (const node of nodes) {
    const latest = node.history.at(-1);
    const preview = previewValue(latest?.error ? latest.error.message : latest?.output);
    overlays[node.id] = {
      status: node.status,
      attempts: node.attempts,
      ...(node.durationMs === undefined ? {} : { durationMs: node.durationMs }),
      ...(preview === undefined ? {} : { outputPreview: preview }),
    };
  }
  return overlays;
}
