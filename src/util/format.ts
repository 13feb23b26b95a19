/** Human units for sizes and row counts, shared by every report (lint, health). */

/** `2.1 GB`, `340 kB`: sizes in 1024 steps, as pg_size_pretty prints them. */
export function formatBytes(n: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${n} bytes` : `${v >= 10 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}

/** `~30M rows`, `~12k rows`, `~3 rows`, or `rows unknown (never analyzed)`. */
export function formatRows(n: number | null): string {
  if (n === null) return 'rows unknown (never analyzed)';
  const short = n >= 1e9 ? `${+(n / 1e9).toFixed(1)}G` : n >= 1e6 ? `${+(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${+(n / 1e3).toFixed(1)}k` : String(n);
  return `~${short} row${n === 1 ? '' : 's'}`;
}

/** The first line of a text (all of it when it has no line break). */
export function firstLine(text: string): string {
  const nl = text.indexOf('\n');
  return nl < 0 ? text : text.slice(0, nl);
}
