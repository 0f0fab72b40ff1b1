import type { ButtonHTMLAttributes, Ref } from 'react';

export type TButtonVariant = 'primary' | 'secondary' | 'danger' | 'danger-secondary' | 'ghost';

const VARIANTS: Record<TButtonVariant, string> = {
  primary: 'bg-brand-600 text-[color:var(--color-brand-on,#fff)] shadow-sm hover:bg-brand-700 border border-transparent',
  secondary: 'bg-white text-slate-800 border border-slate-300 shadow-sm hover:bg-slate-50',
  danger: 'bg-red-700 text-white border border-transparent shadow-sm hover:bg-red-800',
  'danger-secondary': 'bg-white text-red-700 border border-slate-300 shadow-sm hover:bg-red-50 hover:border-red-300',
  ghost: 'bg-transparent text-brand-700 border border-transparent hover:bg-brand-50',
};

const SIZES = {
  md: 'min-h-11 px-4 py-2 text-base',
  sm: 'min-h-9 px-3 py-1.5 text-sm',
} as const;

export type TButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: TButtonVariant;
  size?: keyof typeof SIZES;
  /** Shows a spinner and ignores activation while an action runs; the button keeps its focus. */
  busy?: boolean;
  /** Label announced while busy ("Creating passkey…"); defaults to the children. */
  busyLabel?: string;
  fullWidth?: boolean;
  ref?: Ref<HTMLButtonElement>;
};

export function Spinner({ className = '' }: { className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className={`h-4 w-4 shrink-0 animate-spin motion-reduce:animate-none ${className}`}>
      <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="3" opacity="0.25" />
      <path d="M21 12a9 9 0 0 0-9-9" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}

/**
 * A button. While `busy`, it stays focusable (aria-disabled rather than disabled, so keyboard
 * focus is not thrown back to the page) but ignores clicks.
 */
export function Button({ variant = 'primary', size = 'md', busy = false, busyLabel, fullWidth = false, className = '', children, onClick, type = 'button', disabled, ref, ...rest }: TButtonProps) {
  const inactive = busy || disabled;
  return (
    <button
      ref={ref}
      type={type}
      disabled={disabled}
      aria-disabled={busy || undefined}
      aria-busy={busy || undefined}
      onClick={(e) => {
        if (busy) {
          e.preventDefault();
          return;
        }
        onClick?.(e);
      }}
      className={[
        'inline-flex items-center justify-center gap-2 rounded-lg font-semibold whitespace-nowrap transition-colors',
        'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600',
        VARIANTS[variant],
        SIZES[size],
        fullWidth ? 'w-full' : '',
        inactive ? 'cursor-not-allowed opacity-70' : 'cursor-pointer',
        className,
      ].join(' ')}
      {...rest}
    >
      {busy ? <Spinner /> : null}
      <span>{busy && busyLabel ? busyLabel : children}</span>
    </button>
  );
}
