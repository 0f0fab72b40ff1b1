/**
 * Next.js calls register() once when a server process starts: apply migrations, bootstrap the
 * first run and validate configuration before the first request (lib/runtime/start.ts).
 */
export async function register(): Promise<void> {
  // NEXT_RUNTIME is Next's own runtime marker, not configuration.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServer } = await import('./lib/runtime/start');
  await startServer();
}
