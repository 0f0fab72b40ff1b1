'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useToast } from '@/components/ui/toast';
import { ApiError, goToSignIn } from './api';
import { describeRequestError } from './form';

export type TAdminActionOptions = {
  /** The toast after it worked. */
  success: string;
  /** Called after it worked (or the target was already gone), before the page refreshes: e.g. close the dialog. */
  onDone?: () => void;
  /** The not-found code that means someone else already did it: an info toast instead of an error. */
  gone?: { code: string; message: string };
  /** Where a failure is shown: in the open dialog (default) or as an error toast. */
  failure?: 'dialog' | 'toast';
};

/**
 * One console action behind a button or a confirmation (revoke, disable, …): busy while it runs;
 * on success a toast and a refresh of the server-rendered page; an expired session goes to the
 * sign-in page; a "not found" that means the work was already done is said as such; any other
 * failure is shown in the dialog (`error`) or as a toast.
 */
export function useAdminAction() {
  const router = useRouter();
  const { toast } = useToast();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function run(act: () => Promise<unknown>, options: TAdminActionOptions): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      await act();
      options.onDone?.();
      toast(options.success);
      router.refresh();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'auth.unauthenticated') return goToSignIn();
      if (options.gone && e instanceof ApiError && e.code === options.gone.code) {
        options.onDone?.();
        toast(options.gone.message, 'info');
        router.refresh();
      } else if (options.failure === 'toast') toast(describeRequestError(e), 'error');
      else setError(describeRequestError(e));
    } finally {
      setBusy(false);
    }
  }

  return { busy, error, clearError: () => setError(undefined), run };
}
