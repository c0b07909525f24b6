import { describe, expect, it } from 'vitest';
import type { Coverage } from '@/engine';
import { coverageOverlays } from './coverage-overlays';

describe('coverageOverlays', () => {
  it('marks untested steps, and the branches no case took on the step they leave', () => {
    const coverage: Coverage = {
      steps: { covered: 2, total: 3 },
      branches: { covered: 2, total: 4 },
      percent: 57.1,
      items: [
        { kind: 'step', id: 'start', nodeId: 'start', covered: true },
        { kind: 'step', id: 'big', nodeId: 'big', covered: true },
        { kind: 'step', id: 'small', nodeId: 'small', covered: false },
        { kind: 'port', id: 'big:true', nodeId: 'big', port: 'true', covered: true },
        { kind: 'port', id: 'big:false', nodeId: 'big', port: 'false', covered: false },
        {
          kind: 'edge',
          id: 'start:out->big',
          nodeId: 'start',
          port: 'out',
          to: 'big',
          covered: true,
        },
        {
          kind: 'edge',
          id: 'big:false->small',
          nodeId: 'big',
          port: 'false',
          to: 'small',
          covered: false,
        },
      ],
    };
    expect(coverageOverlays(coverage)).toEqual({
      start: { status: 'tested', attempts: 0 },
      big: {
        status: 'tested',
        attempts: 0,
        outputPreview: 'Untested: port false, → small (false)',
      },
      small: { status: 'untested', attempts: 0 },
    });
  });
});
