'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';

export type TModalProps = {
  open: boolean;
  title: string;
  /** One sentence under the title (linked as the dialog's description). */
  description?: ReactNode;
  children: ReactNode;
  /** Buttons, right-aligned (stacked on phones). */
  footer?: ReactNode;
  /** An action is running: Escape and the backdrop do not close the dialog. */
  busy?: boolean;
  onClose: () => void;
  size?: 'md' | 'lg';
  /** The element to focus when the dialog opens (default: the first field or button). */
  initialFocus?: React.RefObject<HTMLElement | null>;
};

/**
 * A modal dialog on the native `<dialog>` element (like ConfirmDialog): showModal() makes the
 * rest of the page inert, traps focus, closes on Escape and returns focus to the opener. For
 * forms (invite, change role) and results (a secret shown once).
 */
export function Modal({ open, title, description, children, footer, busy = false, onClose, size = 'md', initialFocus }: TModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      const target = initialFocus?.current ?? dialog.querySelector<HTMLElement>('input, select, textarea, button:not([data-close])');
      target?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open, initialFocus]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
      onClick={(e) => {
        if (e.target === e.currentTarget && !busy) onClose();
      }}
      className={`m-auto max-h-[calc(100dvh-2rem)] text-left w-[calc(100%-2rem)] overflow-y-auto rounded-2xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50 ${size === 'lg' ? 'max-w-xl' : 'max-w-md'}`}
    >
      {open ? (
        <div className="p-6">
          <div className="flex items-start justify-between gap-4">
            <h2 id={titleId} className="text-lg font-semibold text-slate-900">
              {title}
            </h2>
            <button
              type="button"
              data-close
              onClick={() => !busy && onClose()}
              className="-m-1.5 inline-flex h-9 w-9 shrink-0 cursor-pointer items-center justify-center rounded-lg text-slate-500 hover:bg-slate-100 hover:text-slate-800"
            >
              <span className="sr-only">Close</span>
              <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" className="h-5 w-5">
                <path d="M6 6l12 12M18 6 6 18" />
              </svg>
            </button>
          </div>
          {description ? (
            <div id={descriptionId} className="mt-1 text-sm text-slate-600">
              {description}
            </div>
          ) : null}
          <div className="mt-5">{children}</div>
          {footer ? <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">{footer}</div> : null}
        </div>
      ) : null}
    </dialog>
  );
}
