import { runCli } from './main';

/** What one in-process CLI run printed and returned. */
export type TCliRun = { code: number; stdout: string; stderr: string };

/**
 * Test helper (not a test): runs the CLI in-process with `argv`, collecting what it writes. The
 * configuration is whatever the test set with setConfigForTests.
 */
export async function runCliCaptured(...argv: string[]): Promise<TCliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}
