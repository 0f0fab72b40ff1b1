#!/usr/bin/env node
// The `latchkey` operator CLI (package.json "bin"). The CLI is TypeScript in lib/cli; tsx's ESM
// loader compiles it on the fly, with the project's tsconfig found from this file (not from the
// working directory), so `npx latchkey` and `node bin/latchkey.mjs` work from any folder.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });

const { runCli } = await import('../lib/cli/main.ts');
// exitCode rather than process.exit(): let piped stdout drain before the process ends.
process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
