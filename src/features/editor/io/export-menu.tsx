'use client';

import { useEffect, useId, useRef, useState, type JSX } from 'react';
import { downloadFile } from '@/components/download-file';
import { Button } from '@/components/ui/button';

export interface ExportFile {
  fileName: string;
  /** Built on click, not on every render of the designer. */
  content: () => string;
  /** What the menu calls it, e.g. "Workflow" or "Tests (2 cases)". */
  label: string;
}

function download(file: ExportFile) {
  downloadFile(file.content(), file.fileName, 'application/json');
}

/**
 * Export downloads the one file at once; with several it opens a menu with a button per
 * file, because browsers hold back a second download started by the same click behind a
 * "download multiple files" prompt.
 */
export function ExportMenu(props: { files: ExportFile[]; disabled: boolean }): JSX.Element {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    const onPointer = (event: PointerEvent) => {
      if (!(event.target instanceof Node && root.current?.contains(event.target))) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  const [only] = props.files;
  if (props.files.length === 1 && only) {
    return (
      <Button variant="secondary" onClick={() => download(only)} disabled={props.disabled}>
        Export
      </Button>
    );
  }
  return (
    <div ref={root} className="relative">
      <Button
        variant="secondary"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen(!open)}
        disabled={props.disabled}
      >
        Export
      </Button>
      {open ? (
        <div
          id={menuId}
          role="group"
          aria-label="Files to export"
          className="absolute right-0 z-20 mt-1 flex w-72 flex-col gap-1 rounded-md border border-slate-200 bg-white p-2 shadow-lg"
        >
          {props.files.map((file) => (
            <Button
              key={file.fileName}
              variant="ghost"
              className="justify-start text-left"
              onClick={() => download(file)}
            >
              {file.label}: {file.fileName}
            </Button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
