'use client';

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Button } from './button';
import { TextField } from './field';

export type TConfirmDialogProps = {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  tone?: 'danger' | 'primary';
  /** The confirm action is running: the dialog stays open and ignores Escape. */
  busy?: boolean;
  busyLabel?: string;
  /** An error of the confirm action, shown inside the dialog. */
  error?: string;
  /**
   * For the most destructive actions: the confirm button stays disabled until this exact text
   * (e.g. the username of the administrator to remove) is typed.
   */
  confirmText?: string;
  onConfirm: () => void;
  onCancel: () => void;
};

/**
 * A modal confirmation on the native `<dialog>` element: showModal() makes the rest of the page
 * inert, traps focus, closes on Escape and gives focus back to the opener when it closes. Focus
 * starts on the safe choice (Cancel), or on the confirmation field when one is asked for.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, cancelLabel = 'Cancel', tone = 'primary', busy = false, busyLabel, error, confirmText, onConfirm, onCancel }: TConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const typedRef = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const errorId = useId();
  const typedId = useId();
  const [typed, setTyped] = useState('');
  const confirmed = confirmText === undefined || typed.trim() === confirmText;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setTyped('');
      dialog.showModal();
      (confirmText !== undefined ? typedRef.current : cancelRef.current)?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open, confirmText]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={error ? `${bodyId} ${errorId}` : bodyId}
      onCancel={(e) => {
        // Escape: let React state decide, so the dialog and `open` never disagree.
        e.preventDefault();
        if (!busy) onCancel();
      }}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself, outside its panel) cancels.
        if (e.target === e.currentTarget && !busy) onCancel();
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-2xl text-left border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
    >
      <div className="p-6">
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        <div id={bodyId} className="mt-3 space-y-3 text-sm text-slate-700">
          {children}
        </div>
        {confirmText !== undefined ? (
          <TextField
            ref={typedRef}
            id={typedId}
            className="mt-4"
            label={`Type ${confirmText} to confirm`}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && confirmed && !busy) {
                e.preventDefault();
                onConfirm();
              }
            }}
          />
        ) : null}
        {error ? (
          <p id={errorId} role="alert" className="mt-4 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        ) : null}
        <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button ref={cancelRef} variant="secondary" onClick={onCancel} disabled={busy}>
            {cancelLabel}
          </Button>
          <Button variant={tone === 'danger' ? 'danger' : 'primary'} onClick={onConfirm} busy={busy} busyLabel={busyLabel} disabled={!confirmed}>
            {confirmLabel}
          </Button>
        </div>
      </div>
    </dialog>
  );
}
