/**
 * Start-up benchmark: time from spawning `next start` on a built tree to the first 200 from
 * /webauthn/healthz, on a fresh data folder (migrations + first-run bootstrap) and on an existing
 * one (restart). Target: under 5 s. Run `npm run build` first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestServer } from '../support/server';

const RUNS = 5;

async function timeStart(dataDir: string): Promise<number> {
  const started = performance.now();
  const server = await startTestServer({ dataDir });
  const ms = performance.now() - started;
  await server.stop();
  return ms;
}

function summary(label: string, values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return `${label.padEnd(28)} median ${median.toFixed(0).padStart(5)} ms   min ${sorted[0]!.toFixed(0).padStart(5)} ms   max ${sorted.at(-1)!.toFixed(0).padStart(5)} ms`;
}

const fresh: number[] = [];
const restart: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'latchkey-bench-'));
  fresh.push(await timeStart(dir));
  restart.push(await timeStart(dir));
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log(`start-up to healthy /webauthn/healthz (${RUNS} runs each, ${os.cpus().length} cores)`);
console.log(summary('fresh data folder (first run)', fresh));
console.log(summary('existing data folder', restart));
const worst = Math.max(...fresh, ...restart);
console.log(`target < 5000 ms: ${worst < 5000 ? 'met' : 'NOT met'} (worst ${worst.toFixed(0)} ms)`);
