'use client';

import { useId, useRef, useState } from 'react';
import { Button } from './button';

/**
 * A secret shown once (a setup link, an API key): read-only, selectable, with a Copy button and
 * a clear warning that it can't be shown again. "Copied" is announced in a live region.
 */
export function SecretPanel({ label, value, children }: { label: string; value: string; children?: React.ReactNode }) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setStatus('Copied to the clipboard.');
    } catch {
      inputRef.current?.select();
      setStatus('Select the text and copy it (Ctrl+C or ⌘C).');
    }
  }

  return (
    <div className="rounded-xl border border-amber-300 bg-amber-50 p-4">
      <label htmlFor={id} className="block text-sm font-semibold text-amber-950">
        {label}
      </label>
      <div className="mt-2 flex flex-col gap-2 sm:flex-row">
        <input
          ref={inputRef}
          id={id}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
          className="min-h-11 w-full min-w-0 rounded-lg border border-amber-300 bg-white px-3 py-2 font-mono text-sm text-slate-900 focus:outline-2 focus:outline-brand-600"
        />
        <Button variant="secondary" onClick={() => void copy()} className="shrink-0">
          Copy
        </Button>
      </div>
      <p className="mt-2 text-sm text-amber-950">{children ?? 'Copy it now: it is shown only once and cannot be recovered.'}</p>
      <p role="status" aria-live="polite" className={status ? 'mt-1 text-sm font-medium text-emerald-800' : 'sr-only'}>
        {status}
      </p>
    </div>
  );
}
