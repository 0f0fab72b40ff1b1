import type { Ref } from 'react';
import { Alert } from '@/components/ui/alert';
import type { THumanError } from './error-messages';

/**
 * The error box of the passkey forms: the message, plus field messages that have no field of
 * their own on the form. `cancelledTitle` is used when the user cancelled the browser prompt.
 */
export function PasskeyErrorAlert({ error, extraFieldErrors, title, cancelledTitle, ref }: { error: THumanError; extraFieldErrors: [string, string][]; title: string; cancelledTitle: string; ref?: Ref<HTMLDivElement> }) {
  return (
    <Alert ref={ref} tone="error" title={error.code === 'client.cancelled' ? cancelledTitle : title}>
      <p>{error.message}</p>
      {extraFieldErrors.length > 0 ? (
        <ul className="mt-1 list-disc pl-5">
          {extraFieldErrors.map(([field, message]) => (
            <li key={field}>{message}</li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}
