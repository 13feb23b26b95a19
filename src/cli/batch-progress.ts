import { progress } from './progress';
import type { BatchReport } from '../migrate';

const seconds = (ms: number) => {
  const s = Math.round(ms / 1000);
  return s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
    : s >= 60
      ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
      : `${s}s`;
};

/** `statement 2: batch 412 · 412,000 keys of ~1,000,000 (41%) · 380,000 rows changed · 52,000 keys/s · ETA 11s`. */
export function batchLine(r: BatchReport): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const of = r.totalKeys ? ` of ${n(r.totalKeys)} (${Math.floor((100 * r.keys) / Math.max(r.totalKeys, 1))}%)` : '';
  const rate = r.elapsedMs > 0 ? ` · ${n(Math.round((r.runKeys * 1000) / r.elapsedMs))} keys/s` : '';
  const eta = r.etaMs === null ? '' : ` · ETA ${seconds(r.etaMs)}`;
  return `${r.where}: batch ${n(r.batches)} · ${n(r.keys)} keys${of} · ${n(r.rows)} rows changed${rate}${eta}`;
}

/**
 * Batch progress for `migrate up|down` on the process's progress line (stderr, a terminal only, never with
 * `--json`: scripts and CI stay quiet).
 */
export function batchProgress(): { onBatch?: (r: BatchReport) => void; end: () => void } {
  const line = progress();
  if (!line.enabled) return { end: () => undefined };
  return {
    onBatch: (r) => line.show('running batches', batchLine(r)),
    end: () => line.clear(),
  };
}
