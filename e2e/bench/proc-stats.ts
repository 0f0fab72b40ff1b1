/**
 * Linux /proc readers for benchmarks: memory and CPU time of a process tree, and machine-wide CPU
 * use. Everything is best effort: a process that exits between listing and reading is skipped.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Clock ticks per second for /proc/<pid>/stat times (USER_HZ, almost always 100). */
export const CLOCK_TICKS: number = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

type TStat = { pid: number; ppid: number; utime: number; stime: number };

function readStat(pid: number): TStat | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces: split after its ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), utime: Number(fields[11]), stime: Number(fields[12]) };
  } catch {
    return undefined;
  }
}

/** `pid` and all its descendants that are alive now. */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (!stat) continue;
    const list = children.get(stat.ppid) ?? [];
    list.push(stat.pid);
    children.set(stat.ppid, list);
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const p = queue.shift()!;
    out.push(p);
    queue.push(...(children.get(p) ?? []));
  }
  return out;
}

/** VmRSS and VmHWM (peak RSS) of one process, and RSS split into anonymous and file-backed, in bytes. */
export function memoryOf(pid: number): { rss: number; hwm: number; anon: number; file: number } | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM'), anon: kb('RssAnon'), file: kb('RssFile') + kb('RssShmem') };
  } catch {
    return undefined;
  }
}

/** User + system CPU time of one thread (the main thread's id is the process id), in milliseconds. */
export function threadCpuMs(pid: number, tid: number = pid): number {
  try {
    const text = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** User + system CPU time of the given processes, in milliseconds. */
export function cpuMsOf(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const stat = readStat(pid);
    if (stat) ticks += stat.utime + stat.stime;
  }
  return (ticks * 1000) / CLOCK_TICKS;
}

/** Machine-wide CPU counters from /proc/stat (ticks): busy and total. */
export function machineCpu(): { busy: number; total: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest times are already in user/nice)
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/**
 * Samples the memory of a process tree at a fixed interval (the tree is re-listed every second, so
 * child processes started later are picked up). Peak RSS is the highest sum over the tree seen by
 * a sample; peak HWM is the sum of each process's own high-water mark (an upper bound, since the
 * processes need not peak at the same moment).
 */
export class TreeMemorySampler {
  private timer: NodeJS.Timeout | undefined;
  private pids: number[] = [];
  private lastListing = 0;
  private readonly hwmByPid = new Map<number, number>();
  peakRss = 0;
  lastRss = 0;
  samples = 0;

  constructor(
    private readonly rootPid: number,
    private readonly intervalMs = 100,
  ) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  /** Reset the peak (e.g. per phase); the HWM is the kernel's and cannot be reset. */
  resetPeak(): void {
    this.peakRss = this.lastRss;
  }

  get peakHwm(): number {
    let sum = 0;
    for (const v of this.hwmByPid.values()) sum += v;
    return sum;
  }

  get processCount(): number {
    return this.pids.length;
  }

  sample(): void {
    const now = Date.now();
    if (now - this.lastListing > 1000 || this.pids.length === 0) {
      this.pids = processTree(this.rootPid);
      this.lastListing = now;
    }
    let rss = 0;
    for (const pid of this.pids) {
      const m = memoryOf(pid);
      if (!m) continue;
      rss += m.rss;
      this.hwmByPid.set(pid, Math.max(this.hwmByPid.get(pid) ?? 0, m.hwm));
    }
    this.lastRss = rss;
    this.peakRss = Math.max(this.peakRss, rss);
    this.samples++;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
