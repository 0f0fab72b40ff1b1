'use client';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

/** A console page failed to render: say so, and offer to try again (details are in the server log). */
export default function ConsoleError({ reset }: { error: Error; reset: () => void }) {
  return (
    <Alert tone="error" title="This page couldn't be shown">
      <p>Something went wrong on our side. Try again in a moment.</p>
      <Button size="sm" variant="secondary" className="mt-3" onClick={reset}>
        Try again
      </Button>
    </Alert>
  );
}
