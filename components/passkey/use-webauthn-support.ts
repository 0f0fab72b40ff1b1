'use client';

import { useSyncExternalStore } from 'react';
import { browserSupportsWebAuthn } from '@simplewebauthn/browser';

const subscribe = () => () => {};

/** Whether this browser has WebAuthn. The server render (and hydration) assumes it does. */
export function useWebAuthnSupport(): boolean {
  return useSyncExternalStore(subscribe, browserSupportsWebAuthn, () => true);
}

/**
 * False in the server render and during hydration, true once the page's script runs. Passkey
 * buttons stay disabled until then: before hydration a click would submit the form natively
 * (a GET that puts the username in the URL) instead of starting a ceremony.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
