'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

type TToast = { id: number; tone: 'success' | 'error' | 'info'; message: string };
type TToastApi = { toast: (message: string, tone?: TToast['tone']) => void };

const ToastContext = createContext<TToastApi>({ toast: () => undefined });

/** Short confirmations ("Role changed") after an action, from any client component below the provider. */
export function useToast(): TToastApi {
  return useContext(ToastContext);
}

const TONE: Record<TToast['tone'], string> = {
  success: 'border-emerald-200 bg-white text-slate-900 [&>span]:bg-emerald-500',
  error: 'border-red-200 bg-white text-slate-900 [&>span]:bg-red-600',
  info: 'border-slate-200 bg-white text-slate-900 [&>span]:bg-brand-600',
};

function ToastItem({ toast, onDone }: { toast: TToast; onDone: (id: number) => void }) {
  useEffect(() => {
    const t = setTimeout(() => onDone(toast.id), 6000);
    return () => clearTimeout(t);
  }, [toast.id, onDone]);
  return (
    <div className={`pointer-events-auto flex items-start gap-3 rounded-xl border px-4 py-3 text-sm shadow-lg ${TONE[toast.tone]}`}>
      <span aria-hidden="true" className="mt-1.5 h-2 w-2 shrink-0 rounded-full" />
      <p className="flex-1">{toast.message}</p>
      <button type="button" onClick={() => onDone(toast.id)} className="-m-1 cursor-pointer rounded p-1 text-slate-500 hover:text-slate-900">
        <span className="sr-only">Dismiss</span>
        <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" className="h-4 w-4">
          <path d="M6 6l12 12M18 6 6 18" />
        </svg>
      </button>
    </div>
  );
}

/**
 * Renders toasts in a polite live region (bottom right; full width on phones). Errors that need
 * the user's attention belong next to what failed, not only in a toast.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<TToast[]>([]);
  const remove = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const api = useMemo<TToastApi>(() => ({ toast: (message, tone = 'success') => setToasts((list) => [...list.slice(-2), { id: Date.now() + Math.random(), tone, message }]) }), []);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div role="status" aria-live="polite" className="pointer-events-none fixed inset-x-3 bottom-3 z-50 flex flex-col gap-2 sm:inset-x-auto sm:right-4 sm:bottom-4 sm:w-96" data-testid="toasts">
        {toasts.map((t) => (
          <ToastItem key={t.id} toast={t} onDone={remove} />
        ))}
      </div>
    </ToastContext.Provider>
  );
}
