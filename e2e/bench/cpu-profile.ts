/**
 * Summarises V8 `.cpuprofile` files (written by `node --cpu-prof`) for the benchmarks: self time
 * grouped by where the code comes from (package, Next.js, app bundle, Node internals, GC, idle)
 * and the functions with the most self time.
 */
import fs from 'node:fs';
import path from 'node:path';

type TCallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type TNode = { id: number; callFrame: TCallFrame; children?: number[] };
type TProfile = { nodes: TNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

/** Where a frame's code comes from. */
export function categoryOf(frame: TCallFrame): string {
  const { functionName, url } = frame;
  if (!url) {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(idle)') return 'idle';
    if (functionName === '(program)') return 'V8/native (program)';
    return `native: ${functionName || '(anonymous)'}`;
  }
  if (url.startsWith('node:')) return `node internals (${url.replace(/^node:(internal\/)?/, '').split('/')[0]})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg === 'next') {
    // Next ships pre-bundled dependencies under next/dist/compiled.
    const compiled = /next\/dist\/compiled\/([^/]+)/.exec(url)?.[1];
    return compiled ? `next (compiled ${compiled})` : 'next';
  }
  if (pkg) return pkg;
  if (url.includes('/.next/server/')) return 'app bundle (.next/server: app, lib and bundled packages)';
  return url;
}

function shortUrl(url: string): string {
  return url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, '').replace(/^.*\/\.next\//, '.next/');
}

/** Self time by category and the top functions, summed over every profile in `dir`. */
export function summarizeCpuProfiles(dir: string, topFunctions = 25): string[] {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length === 0) return ['(no .cpuprofile written: was the server started with the preload of e2e/bench/cpu-profile-preload.mjs?)'];
  const byCategory = new Map<string, number>();
  const byCaller = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let totalUs = 0;
  for (const file of files) {
    const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as TProfile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    /** The category of the nearest frame (from the leaf up) that is JavaScript of a package or the app. */
    const owner = (id: number): string => {
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const c = categoryOf(nodes.get(cur)!.callFrame);
        // The preload's SQLite wrappers are measurement, not an owner: look past them too.
        if (!c.startsWith('native') && !c.startsWith('node internals') && !c.startsWith('V8') && !c.includes('cpu-profile-preload')) return c;
      }
      return categoryOf(nodes.get(id)!.callFrame);
    };
    profile.samples.forEach((id, i) => {
      const us = profile.timeDeltas[i] ?? 0;
      const frame = nodes.get(id)!.callFrame;
      totalUs += us;
      const category = categoryOf(frame);
      byCategory.set(category, (byCategory.get(category) ?? 0) + us);
      const caller = owner(id);
      byCaller.set(caller, (byCaller.get(caller) ?? 0) + us);
      const fn = `${frame.functionName || '(anonymous)'} ${frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : ''}`.trim();
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    });
  }
  const idle = byCategory.get('idle') ?? 0;
  const busy = totalUs - idle;
  const pct = (us: number) => `${((us / busy) * 100).toFixed(1).padStart(5)}%`;
  const lines = [`${files.length} profile(s), ${(totalUs / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (percentages are of busy time)`];
  lines.push('by origin:');
  for (const [k, v] of [...byCategory].filter(([k]) => k !== 'idle').sort((a, b) => b[1] - a[1]).slice(0, 20)) lines.push(`  ${pct(v)}  ${k}`);
  lines.push('by owner (native and Node-internal time charged to the nearest package or app frame above it):');
  for (const [k, v] of [...byCaller].filter(([k]) => k !== 'idle').sort((a, b) => b[1] - a[1]).slice(0, 14)) lines.push(`  ${pct(v)}  ${k}`);
  lines.push('top functions (self time):');
  for (const [k, v] of [...byFunction].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, topFunctions)) lines.push(`  ${pct(v)}  ${k}`);
  return lines;
}

type TStatementStats = { sql: string; prepares: number; prepareUs: number; executions: number; executeUs: number };
type THeap = { usedHeap: number; totalHeap: number; external: number; arrayBuffers: number; rss: number };

/**
 * Summarises the `.json` files the preload (cpu-profile-preload.mjs) writes: SQLite statements
 * per operation (count, prepare and execution time on the server's main thread) and the V8 heap
 * before and after a forced full GC at the end of the window.
 */
export function summarizeServerStats(dir: string, operations: number, topStatements = 14): string[] {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
  if (files.length === 0 || operations <= 0) return ['(no statistics written)'];
  const merged = new Map<string, TStatementStats>();
  const heaps: { before: THeap; afterGc: THeap }[] = [];
  for (const file of files) {
    const data = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { statements: TStatementStats[]; heap: { before: THeap; afterGc: THeap } };
    heaps.push(data.heap);
    for (const st of data.statements) {
      const m = merged.get(st.sql) ?? { sql: st.sql, prepares: 0, prepareUs: 0, executions: 0, executeUs: 0 };
      m.prepares += st.prepares;
      m.prepareUs += st.prepareUs;
      m.executions += st.executions;
      m.executeUs += st.executeUs;
      merged.set(st.sql, m);
    }
  }
  const all = [...merged.values()];
  const sum = (f: (s: TStatementStats) => number) => all.reduce((n, s) => n + f(s), 0);
  const per = (v: number) => (v / operations).toFixed(1);
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
  const lines = [
    `SQLite on the main thread, per sign-in: ${per(sum((s) => s.executions))} statements executed, ${per(sum((s) => s.prepares))} prepared; ` +
      `prepare ${per(sum((s) => s.prepareUs))} µs + execute ${per(sum((s) => s.executeUs))} µs (${(sum((s) => s.prepareUs + s.executeUs) / operations / 1000).toFixed(2)} ms)`,
    'statements by total time (per sign-in: executions, prepare µs, execute µs):',
  ];
  for (const st of all.sort((a, b) => b.prepareUs + b.executeUs - (a.prepareUs + a.executeUs)).slice(0, topStatements)) {
    const sql = st.sql.replace(/\s+/g, ' ').replace(/`main`\./g, '');
    lines.push(`  ${per(st.executions).padStart(4)}×  ${per(st.prepareUs).padStart(6)}  ${per(st.executeUs).padStart(6)}   ${sql.length > 110 ? `${sql.slice(0, 107)}...` : sql}`);
  }
  for (const h of heaps) {
    lines.push(
      `V8 heap at the end of the window: used ${mb(h.before.usedHeap)} of ${mb(h.before.totalHeap)} (RSS ${mb(h.before.rss)}); ` +
        `after a full GC: used ${mb(h.afterGc.usedHeap)} of ${mb(h.afterGc.totalHeap)}, external ${mb(h.afterGc.external)} (RSS ${mb(h.afterGc.rss)})`,
    );
  }
  return lines;
}

// `tsx e2e/bench/cpu-profile.ts <dir>` prints the summary of a folder of profiles.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: tsx e2e/bench/cpu-profile.ts <folder with .cpuprofile files>');
    process.exit(2);
  }
  for (const line of summarizeCpuProfiles(dir, Number(process.argv[3] ?? 40))) console.log(line);
}
