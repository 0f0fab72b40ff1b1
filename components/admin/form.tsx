'use client';

import { useCallback, useRef, useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { ApiError, goToSignIn, NetworkError } from './api';

/**
 * The console's form toolkit. A form validates in the browser with the SAME zod schema the
 * endpoint uses (lib/admin/*-schema.ts), shows each problem next to its field, and shows the
 * server's field errors (`{error: {code, message, fields}}`) the same way; anything else goes to
 * one alert at the top. Focus moves to the first problem.
 *
 *   const form = useZodForm({ schema: ZInviteInput, initialValues: { role: 'community', communityIds: [] }, onSubmit: (v) => adminApi.invite(v) });
 *   <form onSubmit={form.handleSubmit} noValidate>
 *     <FormError message={form.formError} bind={form.bindFormError} />
 *     <TextField {...form.field('label')} label="Note" />
 *     <Button type="submit" busy={form.submitting}>Invite</Button>
 *   </form>
 */

export type TFieldErrors = Record<string, string>;

export type TZodForm<V extends Record<string, unknown>> = {
  values: V;
  errors: TFieldErrors;
  /** A problem that belongs to no field (shown by FormError). */
  formError: string | undefined;
  submitting: boolean;
  formId: string;
  setValue: <K extends keyof V & string>(name: K, value: V[K]) => void;
  setValues: (values: V) => void;
  /** Props for a TextField/SelectField: id, name, value, onChange, error. */
  field: <K extends keyof V & string>(name: K) => { id: string; name: K; value: string; error: string | undefined; onChange: (e: { target: { value: string } }) => void };
  /** The id of a field's element (for custom fields, e.g. CheckboxGroupField). */
  idOf: (name: keyof V & string) => string;
  handleSubmit: (e?: { preventDefault(): void }) => Promise<void>;
  reset: (values?: V) => void;
  /** Callback ref for the form-level alert (FormError sets it), so focus can move there. */
  bindFormError: (el: HTMLDivElement | null) => void;
};

/** Field messages of a zod error, one per field (the first), keyed by dotted path ('_' for the form). */
export function zodFieldErrors(error: z.ZodError): TFieldErrors {
  const fields: TFieldErrors = {};
  for (const issue of error.issues) fields[issue.path.join('.') || '_'] ??= issue.message;
  return fields;
}

/** The message of a failed request for the form's alert. */
export function describeRequestError(e: unknown): string {
  if (e instanceof NetworkError) return "We couldn't reach the server. Check your connection and try again.";
  if (e instanceof ApiError) {
    if (e.code === 'request.validation_failed') return 'Check the highlighted fields and try again.';
    if (e.status >= 500) return 'Something went wrong on our side. Try again in a moment.';
    return e.message;
  }
  return 'Something went wrong. Try again.';
}

export function useZodForm<S extends z.ZodType, V extends Record<string, unknown> = z.input<S> & Record<string, unknown>>(options: {
  schema: S;
  initialValues: V;
  /** Runs with the parsed values; throw (ApiError) to show errors. */
  onSubmit: (values: z.output<S>) => Promise<void>;
  /** A prefix for field ids (unique per form on the page). */
  id: string;
  /** Called when the server says the session is gone (default: go to the sign-in page). */
  onSignedOut?: () => void;
}): TZodForm<V> {
  const { schema, onSubmit, id: formId } = options;
  const [values, setValuesState] = useState<V>(options.initialValues);
  const [errors, setErrors] = useState<TFieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const formErrorEl = useRef<HTMLDivElement | null>(null);
  const bindFormError = useCallback((el: HTMLDivElement | null) => {
    formErrorEl.current = el;
  }, []);
  const idOf = useCallback((name: string) => `${formId}-${name}`, [formId]);

  const focusFirst = useCallback(
    (fields: TFieldErrors) => {
      const first = Object.keys(fields).find((k) => k !== '_' && document.getElementById(idOf(k.split('.')[0]!)));
      // After React has rendered the messages.
      requestAnimationFrame(() => (first ? document.getElementById(idOf(first.split('.')[0]!))?.focus() : formErrorEl.current?.focus()));
    },
    [idOf],
  );

  const setValue = useCallback(<K extends keyof V & string>(name: K, value: V[K]) => {
    setValuesState((v) => ({ ...v, [name]: value }));
    // Editing a field clears its message.
    setErrors((e) => {
      if (!e[name]) return e;
      const rest = { ...e };
      delete rest[name];
      return rest;
    });
  }, []);

  const handleSubmit = useCallback(
    async (e?: { preventDefault(): void }) => {
      e?.preventDefault();
      if (submitting) return;
      const parsed = schema.safeParse(values);
      if (!parsed.success) {
        const fields = zodFieldErrors(parsed.error);
        setErrors(fields);
        setFormError(fields._);
        focusFirst(fields);
        return;
      }
      setErrors({});
      setFormError(undefined);
      setSubmitting(true);
      try {
        await onSubmit(parsed.data);
      } catch (err) {
        if (err instanceof ApiError && err.code === 'auth.unauthenticated') {
          (options.onSignedOut ?? goToSignIn)();
          return;
        }
        const fields = err instanceof ApiError && err.fields ? err.fields : {};
        const onForm = Object.keys(fields).filter((k) => !document.getElementById(idOf(k.split('.')[0]!)));
        setErrors(fields);
        // Field messages without a field on this form go to the alert.
        setFormError(Object.keys(fields).length > 0 && onForm.length === 0 ? undefined : [describeRequestError(err), ...onForm.map((k) => fields[k])].join(' '));
        focusFirst(fields);
      } finally {
        setSubmitting(false);
      }
    },
    [submitting, schema, values, onSubmit, focusFirst, idOf, options.onSignedOut],
  );

  return {
    values,
    errors,
    formError,
    submitting,
    formId,
    setValue,
    setValues: setValuesState,
    field: (name) => ({
      id: idOf(name),
      name,
      value: String(values[name] ?? ''),
      error: errors[name],
      onChange: (e) => setValue(name, e.target.value as V[typeof name]),
    }),
    idOf,
    handleSubmit,
    reset: (next) => {
      setValuesState(next ?? options.initialValues);
      setErrors({});
      setFormError(undefined);
    },
    bindFormError,
  };
}

/** The form-level problem of a useZodForm (role=alert, focusable). */
export function FormError({ message, bind, title = "Couldn't save" }: { message: string | undefined; bind: (el: HTMLDivElement | null) => void; title?: string }): ReactNode {
  if (!message) return null;
  return (
    <Alert ref={bind} tone="error" title={title} className="mb-4">
      {message}
    </Alert>
  );
}
