/** Command-line options of `npm run bench -- …`. */
export interface BenchArgs {
  readonly sizes: readonly number[];
  /** Measured runs per operation (after one warm-up); the median is reported. */
  readonly runs: number;
  /** Also introspect the small schemas loaded into PGlite. */
  readonly pglite: boolean;
  /** Server URL without database; the bench databases are created on it. */
  readonly serverUrl: string;
  /** Run one size in this process: sent to the parent when forked, else printed as JSON (for profiling). */
  readonly child: number | null;
  /** Run the start-up benchmark (whole CLI processes against their references) instead. */
  readonly startup: boolean;
  /** With --startup: only the small targets (no 1,000/5,000-table databases). */
  readonly quick: boolean;
  /** Run the fleet benchmark instead: `[schemas, databases]` targets (`--fleet 200,20`). */
  readonly fleet: readonly [number, number] | null;
  /** Run the fleet-at-scale benchmark instead: plan, migrate up, plan, check, health, one CLI command each (`--fleet-scale 1000,100`). */
  readonly fleetScale: readonly [number, number] | null;
  /** Run the batched-backfill benchmark instead, on a table of this many rows (`--batch 1000000`). */
  readonly batch: number | null;
  /** Run the normalization benchmark instead: building this many generated tables into a scratch database (`--normalize 300`). */
  readonly normalize: number | null;
}

const usage =
  'usage: npm run bench -- [--sizes 100,1000,5000] [--runs 3] [--pglite] [--url postgres://root@127.0.0.1:5432] [--startup [--quick]] [--fleet SCHEMAS,DATABASES] [--fleet-scale SCHEMAS,DATABASES] [--batch ROWS] [--normalize TABLES] | --data [--rows N] | --docs [--tables 1000] [--runs 3]';

/** Parses argv (without `node script`); throws with the usage on a bad option. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let sizes: number[] = [100, 1000, 5000];
  let runs = 3;
  let pglite = false;
  let serverUrl = process.env.SCHEMAKIT_BENCH_URL ?? 'postgres://root@127.0.0.1:5432';
  let child: number | null = null;
  let startup = false;
  let quick = false;
  let fleet: [number, number] | null = null;
  let fleetScale: [number, number] | null = null;
  let batch: number | null = null;
  let normalize: number | null = null;
  const value = (i: number): string => {
    const v = argv[i + 1];
    if (v === undefined) throw new Error(`${argv[i]} needs a value\n${usage}`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const take = (): string => (inline !== undefined ? inline : value(i++));
    switch (flag) {
      case '--sizes':
        sizes = take()
          .split(',')
          .map((s) => positiveInt(s, '--sizes'));
        break;
      case '--runs':
        runs = positiveInt(take(), '--runs');
        break;
      case '--pglite':
        pglite = true;
        break;
      case '--url':
        serverUrl = take().replace(/\/+$/, '');
        break;
      case '--startup':
        startup = true;
        break;
      case '--quick':
        quick = true;
        break;
      case '--fleet': {
        const [a2, b2] = take()
          .split(',')
          .map((x) => positiveInt(x, '--fleet'));
        if (a2 === undefined) throw new Error(`--fleet needs a target count\n${usage}`);
        fleet = [a2, b2 ?? Math.max(1, Math.round(a2 / 10))];
        break;
      }
      case '--fleet-scale': {
        const [a2, b2] = take()
          .split(',')
          .map((x) => positiveInt(x, '--fleet-scale'));
        if (a2 === undefined) throw new Error(`--fleet-scale needs a target count\n${usage}`);
        fleetScale = [a2, b2 ?? Math.max(1, Math.round(a2 / 10))];
        break;
      }
      case '--batch':
        // The row count is optional: `--batch` alone is a million rows.
        batch = inline !== undefined || !(argv[i + 1] ?? '--').startsWith('--') ? positiveInt(take(), '--batch') : 1_000_000;
        break;
      case '--normalize':
        normalize = positiveInt(take(), '--normalize');
        break;
      case '--child':
        child = positiveInt(take(), '--child');
        break;
      case '--help':
      case '-h':
        throw new Error(usage);
      default:
        throw new Error(`unknown option ${a}\n${usage}`);
    }
  }
  return { sizes, runs, pglite, serverUrl, child, startup, quick, fleet, fleetScale, batch, normalize };
}

function positiveInt(s: string, flag: string): number {
  const n = Number(s.trim());
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag}: not a positive integer: ${s}\n${usage}`);
  return n;
}
