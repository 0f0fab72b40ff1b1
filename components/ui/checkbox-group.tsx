import type { ReactNode } from 'react';
import { ErrorIcon } from './field';

export type TCheckboxOption = { value: string; label: string; description?: string };

/**
 * A fieldset of checkboxes for a multi-choice (e.g. communities). The legend labels the group;
 * an error is announced with the group (aria-describedby on the fieldset).
 */
export function CheckboxGroupField({ id, legend, options, value, onChange, hint, error, className = '' }: {
  id: string;
  legend: string;
  options: TCheckboxOption[];
  value: string[];
  onChange: (value: string[]) => void;
  hint?: ReactNode;
  error?: string;
  className?: string;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset id={id} tabIndex={-1} aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined} aria-invalid={error ? true : undefined} className={`focus:outline-none ${className}`}>
      <legend className="block text-sm font-medium text-slate-800">{legend}</legend>
      {hint ? (
        <p id={hintId} className="mt-0.5 text-sm text-slate-500">
          {hint}
        </p>
      ) : null}
      <div className={`mt-1.5 max-h-56 space-y-1 overflow-y-auto rounded-lg border bg-white p-2 ${error ? 'border-red-600' : 'border-slate-300'}`}>
        {options.length === 0 ? <p className="px-2 py-1.5 text-sm text-slate-500">Nothing to choose from.</p> : null}
        {options.map((o) => {
          const checked = value.includes(o.value);
          return (
            <label key={o.value} className="flex min-h-10 cursor-pointer items-start gap-3 rounded-md px-2 py-1.5 hover:bg-slate-50">
              <input
                type="checkbox"
                className="mt-1 h-4 w-4 shrink-0 accent-brand-600"
                checked={checked}
                onChange={() => onChange(checked ? value.filter((v) => v !== o.value) : [...value, o.value])}
              />
              <span className="min-w-0 text-sm">
                <span className="block font-medium text-slate-900">{o.label}</span>
                {o.description ? <span className="block text-slate-500">{o.description}</span> : null}
              </span>
            </label>
          );
        })}
      </div>
      {error ? (
        <p id={errorId} className="mt-1.5 flex items-start gap-1.5 text-sm text-red-700">
          <ErrorIcon className="mt-0.5 h-4 w-4" />
          <span>{error}</span>
        </p>
      ) : null}
    </fieldset>
  );
}
