'use client';

import { useEffect, useRef, useState } from 'react';
import { CloseIcon, MenuIcon } from './icons';
import { SidebarNav } from './sidebar-nav';

/**
 * Phones and narrow windows: a Menu button that opens the navigation as a modal drawer (native
 * `<dialog>`: focus is trapped, Escape closes, focus returns to the button). A link closes it.
 */
export function MobileNav() {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    else if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        aria-expanded={open}
        className="inline-flex min-h-10 min-w-10 cursor-pointer items-center justify-center gap-2 rounded-lg border border-slate-300 bg-white px-2.5 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-50 lg:hidden"
      >
        <MenuIcon className="h-5 w-5" />
        <span className="max-sm:sr-only">Menu</span>
      </button>
      <dialog
        ref={ref}
        aria-label="Console menu"
        onCancel={(e) => {
          e.preventDefault();
          setOpen(false);
        }}
        onClick={(e) => {
          if (e.target === e.currentTarget) setOpen(false);
        }}
        className="m-0 h-dvh max-h-dvh w-[min(20rem,calc(100%-3rem))] max-w-none overflow-y-auto border-r border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/50"
      >
        {open ? (
          <div className="p-4">
            <div className="mb-6 flex items-center justify-between">
              <span className="text-sm font-semibold text-slate-900">Latchkey console</span>
              <button type="button" onClick={() => setOpen(false)} className="inline-flex h-10 w-10 cursor-pointer items-center justify-center rounded-lg text-slate-600 hover:bg-slate-100">
                <span className="sr-only">Close menu</span>
                <CloseIcon />
              </button>
            </div>
            <SidebarNav onNavigate={() => setOpen(false)} />
          </div>
        ) : null}
      </dialog>
    </>
  );
}
