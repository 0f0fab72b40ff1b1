/**
 * Diagnostics preloaded into the benchmark's server when BENCH_CPU_PROF=1
 * (`NODE_OPTIONS=--import <this file>`; `--cpu-prof` itself is not allowed in NODE_OPTIONS).
 * Each SIGUSR2 toggles a measurement window of the server's main thread. The first starts:
 *   - the V8 CPU profiler (in-process inspector session, no port is opened),
 *   - per-SQL-statement counters of better-sqlite3 (prepare and execution time, on the main
 *     thread since the driver is synchronous).
 * The second stops both and writes `<BENCH_CPU_PROF_DIR>/server-<pid>-<n>.cpuprofile` and
 * `…-<n>.json` (SQL statistics, V8 heap before and after a forced full GC).
 */
import fs from 'node:fs';
import inspector from 'node:inspector';
import { createRequire } from 'node:module';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';

const dir = process.env.BENCH_CPU_PROF_DIR;
const intervalUs = Number(process.env.BENCH_CPU_PROF_INTERVAL_US ?? 250);

/** Counts and times better-sqlite3 calls by SQL text while `enabled`. */
function instrumentSqlite() {
  const stats = new Map();
  let enabled = false;
  const entry = (sql) => {
    let e = stats.get(sql);
    if (!e) stats.set(sql, (e = { sql, prepares: 0, prepareUs: 0, executions: 0, executeUs: 0 }));
    return e;
  };
  let Database;
  try {
    // The server's own copy (the Prisma adapter loads it from the project's node_modules).
    Database = createRequire(path.join(process.cwd(), 'package.json'))('better-sqlite3');
  } catch {
    return { start() {}, stop: () => [] };
  }
  const sqlOf = new WeakMap();
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function (sql, ...rest) {
    if (!enabled) return prepare.call(this, sql, ...rest);
    const t0 = performance.now();
    const stmt = prepare.call(this, sql, ...rest);
    const e = entry(sql);
    e.prepares++;
    e.prepareUs += (performance.now() - t0) * 1000;
    sqlOf.set(stmt, sql);
    return stmt;
  };
  const probe = new Database(':memory:');
  const Statement = Object.getPrototypeOf(probe.prepare('SELECT 1'));
  probe.close();
  for (const method of ['run', 'all', 'get', 'iterate']) {
    const original = Statement[method];
    if (typeof original !== 'function') continue;
    Statement[method] = function (...args) {
      if (!enabled) return original.apply(this, args);
      const t0 = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const e = entry(sqlOf.get(this) ?? '(prepared before the window)');
        e.executions++;
        e.executeUs += (performance.now() - t0) * 1000;
      }
    };
  }
  return {
    start() {
      stats.clear();
      enabled = true;
    },
    stop() {
      enabled = false;
      return [...stats.values()];
    },
  };
}

function heap() {
  const h = v8.getHeapStatistics();
  const m = process.memoryUsage();
  return { usedHeap: h.used_heap_size, totalHeap: h.total_heap_size, external: m.external, arrayBuffers: m.arrayBuffers, rss: m.rss };
}

if (dir) {
  const session = new inspector.Session();
  session.connect();
  const sqlite = instrumentSqlite();
  let running = false;
  let written = 0;
  process.on('SIGUSR2', () => {
    if (!running) {
      running = true;
      sqlite.start();
      session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: intervalUs }, () => session.post('Profiler.start')));
      return;
    }
    running = false;
    const statements = sqlite.stop();
    session.post('Profiler.stop', (error, result) => {
      const base = path.join(dir, `server-${process.pid}-${++written}`);
      const before = heap();
      v8.setFlagsFromString('--expose-gc');
      vm.runInNewContext('gc')();
      const afterGc = heap();
      fs.writeFileSync(`${base}.json`, JSON.stringify({ statements, heap: { before, afterGc } }));
      const tmp = `${base}.cpuprofile.partial`;
      fs.writeFileSync(tmp, error ? JSON.stringify({ error: String(error) }) : JSON.stringify(result.profile));
      fs.renameSync(tmp, `${base}.cpuprofile`);
    });
  });
}
