'use client';

import { useEffect, useState } from 'react';
import { defaultRegistry, type WorkflowDefinition } from '@/engine';
import { findProblems, type ProblemIndex } from '../model/problems';

const DEBOUNCE_MS = 250;

/**
 * The engine's validation of the draft, recomputed shortly after edits stop: it stays off the
 * drag path and out of the first paint of a large workflow.
 */
export function useProblems(definition: WorkflowDefinition): ProblemIndex | undefined {
  const [index, setIndex] = useState<ProblemIndex>();
  useEffect(() => {
    const timer = setTimeout(
      () => setIndex(findProblems(definition, defaultRegistry)),
      DEBOUNCE_MS,
    );
    return () => clearTimeout(timer);
  }, [definition]);
  return index;
}
