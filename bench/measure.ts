import type { PeakMemory, Timing } from './types';

/** Median of a non-empty list of numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  // The middle element (odd length), or the mean of the two middle ones (even): lo === hi for an odd length.
  const [lo, hi] = [s[Math.ceil(s.length / 2) - 1], s[Math.floor(s.length / 2)]];
  if (lo === undefined || hi === undefined) throw new Error('median of an empty list');
  return (lo + hi) / 2;
}

/**
 * Runs `fn` once as a warm-up, then `runs` times, timing each run with performance.now().
 * Returns the timings and the value of the last run.
 */
export async function timeRuns<T>(runs: number, fn: () => Promise<T> | T): Promise<{ timing: Timing; last: T }> {
  let last = await fn();
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    last = await fn();
    runsMs.push(round(performance.now() - started));
  }
  return { timing: { runsMs, medianMs: round(median(runsMs)) }, last };
}

/** Rounds ms to 0.1. */
export function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/**
 * Samples rss and heapUsed every `everyMs` while the event loop runs, plus on demand via `sample()`
 * (call it right after synchronous work such as diff + plan, which blocks the timer). The rss peak
 * comes from the kernel's high-water mark, which sees peaks no sampler can.
 */
export class MemorySampler {
  private heapUsed = 0;
  private rss = 0;
  private readonly timer: NodeJS.Timeout;
  constructor(everyMs = 10) {
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
    this.sample();
  }
  /** Records the current usage. */
  sample(): void {
    const m = process.memoryUsage();
    if (m.heapUsed > this.heapUsed) this.heapUsed = m.heapUsed;
    if (m.rss > this.rss) this.rss = m.rss;
  }
  /** Stops sampling and returns the peaks in MB. */
  stop(): PeakMemory {
    clearInterval(this.timer);
    this.sample();
    const maxRssBytes = Math.max(this.rss, process.resourceUsage().maxRSS * 1024);
    return { rssMb: round(maxRssBytes / 2 ** 20), heapUsedMb: round(this.heapUsed / 2 ** 20) };
  }
}

/**
 * Times two operations alternately (warm-up of each, then A, B, A, B, …) so that both see the same
 * machine load: their ratio stays meaningful on a busy machine where load drifts over a minute.
 */
export async function timeInterleaved(runs: number, a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[Timing, Timing]> {
  await a();
  await b();
  const ra: number[] = [];
  const rb: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const [fn, out] of [
      [a, ra],
      [b, rb],
    ] as const) {
      const started = performance.now();
      await fn();
      out.push(round(performance.now() - started));
    }
  }
  return [
    { runsMs: ra, medianMs: round(median(ra)) },
    { runsMs: rb, medianMs: round(median(rb)) },
  ];
}
