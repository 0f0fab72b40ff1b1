import { execFileSync } from 'node:child_process';

function git(args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The healthz version of spec 004 ("Healthz"): `<git-tag>.<commit-id>.<dob>` when the build is made
 * from a tagged commit, else `<commit-id>.<dob>`; dob = build time in epoch seconds.
 * Called once, by next.config.ts, when the production build is made.
 */
export function buildVersion(now: Date = new Date()): string {
  const epoch = Math.floor(now.getTime() / 1000);
  const commit = git(['rev-parse', '--short=12', 'HEAD']) ?? 'unknown';
  const tag = git(['describe', '--tags', '--exact-match', 'HEAD']);
  return tag ? `${tag}.${commit}.${epoch}` : `${commit}.${epoch}`;
}
