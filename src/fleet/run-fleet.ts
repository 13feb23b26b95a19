import { firstLine, must } from '../util';
import type { FleetProgress, FleetRunOptions, FleetTarget, TargetResult } from './types';

/** What a per-target job returns on success. */
export interface TargetOutcome {
  readonly before: string | null;
  readonly after: string | null;
  readonly detail?: Readonly<Record<string, unknown>>;
  /** A job may report failure without throwing (e.g. `migrate status` with problems). */
  readonly failed?: string | null;
  /** One line saying what was found (`12 check(s), no findings`), for the results table. */
  readonly summary?: string;
}

const message = (e: unknown) => firstLine(e instanceof Error ? e.message : String(e));

/**
 * Runs `job` on every target with at most `parallel` running at once, canaries first. Nothing is shared
 * between targets: each job opens and closes its own connection, so one broken target fails alone.
 * Results come back in the order of `targets`; targets not started (canary failed, --stop-on-error) are `skipped`.
 */
export async function runFleet(
  targets: readonly FleetTarget[],
  job: (t: FleetTarget) => Promise<TargetOutcome>,
  options: FleetRunOptions = {},
): Promise<TargetResult[]> {
  const parallel = Math.max(1, options.parallel ?? 4);
  const results: (TargetResult | undefined)[] = new Array(targets.length);
  const started = Date.now();
  const counts = { done: 0, failed: 0, running: 0 };
  let stop = false;
  const progress = () => options.onProgress?.({ total: targets.length, ...counts, elapsedMs: Date.now() - started } satisfies FleetProgress);
  const one = async (i: number): Promise<void> => {
    const t = must(targets[i], `fleet target ${i}`);
    const t0 = Date.now();
    counts.running++;
    progress();
    let r: TargetResult;
    try {
      const o = await job(t);
      r = {
        target: t.id,
        status: o.failed ? 'failed' : 'ok',
        before: o.before,
        after: o.after,
        durationMs: Date.now() - t0,
        error: o.failed ?? null,
        ...(o.summary ? { summary: o.summary } : {}),
        detail: o.detail,
      };
    } catch (e) {
      r = { target: t.id, status: 'failed', before: null, after: null, durationMs: Date.now() - t0, error: message(e) };
    }
    results[i] = r;
    counts.running--;
    counts.done++;
    if (r.status === 'failed') {
      counts.failed++;
      if (options.stopOnError) stop = true;
    }
    progress();
  };
  const pool = async (indexes: number[], width: number) => {
    let next = 0;
    const worker = async () => {
      for (let i = indexes[next++]; !stop && i !== undefined; i = indexes[next++]) await one(i);
    };
    await Promise.all(Array.from({ length: Math.min(width, indexes.length) }, worker));
  };
  const all = targets.map((_, i) => i);
  const canary = Math.min(options.canary ?? 0, targets.length);
  await pool(all.slice(0, canary), parallel);
  if (canary > 0 && results.slice(0, canary).some((r) => r?.status === 'failed')) stop = true;
  await pool(all.slice(canary), parallel);
  return targets.map(
    (t, i) =>
      results[i] ?? { target: t.id, status: 'skipped', before: null, after: null, durationMs: 0, error: stop ? 'not started: an earlier target failed' : null },
  );
}
